using Mediator;
using Microsoft.AspNetCore.Mvc;
using PasswordManager.Application.Auth.Administration.ConsoleAccess.GetConsoleOverview;
using PasswordManager.Application.Billing.Usage.ListUsage;

namespace PasswordManager.Api.AdminConsole.Pages;

internal sealed class IndexModel(ISender sender) : ConsolePageModel(sender)
{
    public int Days { get; } = 14;

    public ConsoleOverview Overview { get; private set; } = null!;

    public long AttachmentBytes { get; private set; }

    public long Vaults { get; private set; }

    public long Entries { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var overview = await Sender.Send(new GetConsoleOverviewQuery(Actor, Days), ct);
        if (overview.IsFailure) return Forbid();
        Overview = overview.Value;
        var usage = await Sender.Send(new ListUsageQuery(BillingCaller, IsInstanceAdministrator ? null : OwnTenantId), ct);
        if (usage.IsSuccess)
        {
            AttachmentBytes = usage.Value.Sum(t => t.Usage.AttachmentBytes);
            Vaults = usage.Value.Sum(t => t.Usage.Vaults);
            Entries = usage.Value.Sum(t => t.Usage.Entries);
        }

        return Page();
    }
}
