using Mediator;
using Microsoft.AspNetCore.Mvc;
using PasswordManager.Application.Auth.Administration;
using PasswordManager.Application.Auth.Administration.Tenants.ListTenants;
using PasswordManager.Application.Auth.Administration.Users.ListUsers;

namespace PasswordManager.Api.AdminConsole.Pages;

internal sealed class UsersModel(ISender sender) : ConsolePageModel(sender)
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Tenant { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public IReadOnlyList<AdminUserView> Users { get; private set; } = [];

    public IReadOnlyList<AdminTenantView> Tenants { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public string TenantName(Guid id) => Tenants.FirstOrDefault(t => t.TenantId == id)?.Name ?? id.ToString();

    public async Task<IActionResult> OnGetAsync(bool deleted, CancellationToken ct)
    {
        if (deleted) Notice = "The user is deleted.";
        if (IsInstanceAdministrator)
        {
            var tenants = await Sender.Send(new ListTenantsQuery(Actor, null, 100), ct);
            if (tenants.IsSuccess) Tenants = tenants.Value.Items;
        }

        bool? disabled = Status switch { "disabled" => true, "active" => false, _ => null };
        var search = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim();
        var users = await QueryAsync(() => Sender.Send(new ListUsersQuery(Actor, search, Tenant, After, PageSize, disabled), ct).AsTask());
        if (users is null) return Page();
        if (users.IsFailure) return Forbid();
        Users = users.Value.Items;
        NextCursor = users.Value.NextCursor;
        return Page();
    }
}
