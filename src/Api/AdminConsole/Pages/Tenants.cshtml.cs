using Mediator;
using Microsoft.AspNetCore.Mvc;
using PasswordManager.Application.Auth.Administration;
using PasswordManager.Application.Auth.Administration.ConsoleAccess.GetConsoleOverview;
using PasswordManager.Application.Auth.Administration.Tenants.CreateTenant;
using PasswordManager.Application.Auth.Administration.Tenants.ListTenants;
using PasswordManager.Application.Auth.Administration.Tenants.SuspendTenant;
using PasswordManager.Application.Auth.Administration.Tenants.UnsuspendTenant;
using PasswordManager.Application.Billing;
using PasswordManager.Application.Billing.Plans.ListPlans;
using PasswordManager.Application.Billing.Subscriptions.GetTenantBilling;
using PasswordManager.Application.Billing.Subscriptions.SetSubscription;

namespace PasswordManager.Api.AdminConsole.Pages;

/// <summary>Tenants with their plan and usage; instance administrators change plans, suspend and create tenants.</summary>
internal sealed class TenantsModel(ISender sender) : ConsolePageModel(sender)
{
    public sealed record TenantRow(AdminTenantView Tenant, TenantBillingView? Billing);

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public IReadOnlyList<TenantRow> Rows { get; private set; } = [];

    public IReadOnlyList<PlanView> Plans { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken ct)
    {
        Notice = done switch
        {
            "plan" => "The tenant's plan is changed.",
            "suspended" => "The tenant is suspended; its users' sessions have ended.",
            "unsuspended" => "The tenant is active again.",
            _ => null,
        };
        return await ShowAsync(ct);
    }

    public Task<IActionResult> OnPostChangePlanAsync(Guid tenantId, string? planId, CancellationToken ct) =>
        ActAsync(async () => await Sender.Send(new SetSubscriptionCommand(BillingCaller, tenantId, planId ?? "", "active", null, null), ct),
            _ => Redirect(AdminConsoleSetup.PathPrefix + "/tenants?done=plan"), () => ShowAsync(ct));

    public Task<IActionResult> OnPostSuspendAsync(Guid tenantId, CancellationToken ct) =>
        ActAsync(async () => await Sender.Send(new SuspendTenantCommand(Actor, tenantId), ct),
            _ => Redirect(AdminConsoleSetup.PathPrefix + "/tenants?done=suspended"), () => ShowAsync(ct));

    public Task<IActionResult> OnPostUnsuspendAsync(Guid tenantId, CancellationToken ct) =>
        ActAsync(async () => await Sender.Send(new UnsuspendTenantCommand(Actor, tenantId), ct),
            _ => Redirect(AdminConsoleSetup.PathPrefix + "/tenants?done=unsuspended"), () => ShowAsync(ct));

    public Task<IActionResult> OnPostCreateAsync(string? name, string? ownerEmail, CancellationToken ct) =>
        ActAsync(async () => await Sender.Send(new CreateTenantCommand(Actor, name ?? "", ownerEmail ?? ""), ct),
            async created =>
            {
                Notice = $"Tenant {created.Tenant.Name} created. Give the owner this invitation code (shown once): {created.OwnerInvitation.Code}";
                return await ShowAsync(ct);
            }, () => ShowAsync(ct));

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        var plans = await Sender.Send(new ListPlansQuery(BillingCaller), ct);
        if (plans.IsSuccess) Plans = plans.Value.Plans;

        IReadOnlyList<AdminTenantView> tenants;
        if (IsInstanceAdministrator)
        {
            var page = await QueryAsync(() => Sender.Send(new ListTenantsQuery(Actor, After, 50), ct).AsTask());
            if (page is null || page.IsFailure) return Page();
            tenants = page.Value.Items;
            NextCursor = page.Value.NextCursor;
        }
        else
        {
            var overview = await Sender.Send(new GetConsoleOverviewQuery(Actor, 1), ct);
            tenants = [new AdminTenantView
            {
                TenantId = OwnTenantId,
                Name = User.FindFirst(AdminConsoleSetup.TenantNameClaim)?.Value ?? "",
                Users = overview.IsSuccess ? overview.Value.Users : 0,
                Suspended = false,
            }];
        }

        var rows = new List<TenantRow>();
        foreach (var tenant in tenants)
        {
            var billing = await Sender.Send(new GetTenantBillingQuery(BillingCaller, tenant.TenantId), ct);
            rows.Add(new TenantRow(tenant, billing.IsSuccess ? billing.Value : null));
        }

        Rows = rows;
        return Page();
    }
}
