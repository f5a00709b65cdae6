using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PasswordManager.Application.Auth.Administration.ConsoleAccess.GetConsoleOverview;

namespace PasswordManager.Api.AdminConsole.Pages;

/// <summary>The readiness checks (database, blob store), the email outbox and the background workers of this process.</summary>
internal sealed class HealthModel(ISender sender, HealthCheckService health, IEnumerable<IHostedService> hostedServices) : ConsolePageModel(sender)
{
    public HealthReport? Report { get; private set; }

    public ConsoleOverview Overview { get; private set; } = null!;

    public IReadOnlyList<string> Jobs { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!IsInstanceAdministrator) return InstanceAdministratorsOnly();
        var overview = await Sender.Send(new GetConsoleOverviewQuery(Actor, 1), ct);
        if (overview.IsFailure) return Forbid();
        Overview = overview.Value;
        Report = await health.CheckHealthAsync(ct);
        Jobs = [.. hostedServices.Select(s => s.GetType())
            .Where(t => t.Namespace?.StartsWith("PasswordManager", StringComparison.Ordinal) == true)
            .Select(t => t.Name).Distinct().Order(StringComparer.Ordinal)];
        return Page();
    }
}
