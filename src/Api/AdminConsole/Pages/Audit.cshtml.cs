using Mediator;
using Microsoft.AspNetCore.Mvc;
using PasswordManager.Application.Auth.Administration;
using PasswordManager.Application.Auth.Administration.Tenants.ListTenants;
using PasswordManager.Application.Auth.Audit;
using PasswordManager.Application.Auth.Audit.ListAuditEvents;
using PasswordManager.Application.Auth.Audit.VerifyAuditChain;
using PasswordManager.Application.Billing;
using PasswordManager.Domain.Auth.SecurityEvents;
using PasswordManager.Domain.Common;

namespace PasswordManager.Api.AdminConsole.Pages;

/// <summary>
/// A tenant's audit log with filters and its chain verified on every view. Tenant admins read their own tenant, as
/// <c>GET /audit/events</c> allows; instance administrators pick any tenant.
/// </summary>
internal sealed class AuditModel(ISender sender) : ConsolePageModel(sender)
{
    private const int PageSize = 50;

    public static readonly IReadOnlyList<string> KnownActions =
    [
        SecurityEventTypes.Login, SecurityEventTypes.LoginFailed, SecurityEventTypes.DisabledByAdmin, SecurityEventTypes.EnabledByAdmin,
        SecurityEventTypes.SessionsRevokedByAdmin, BillingSecurityEvents.SubscriptionChanged, BillingSecurityEvents.FlagChanged,
        BillingSecurityEvents.EntitlementOverridden, "console_link_created", "console_signed_in",
    ];

    [BindProperty(SupportsGet = true, Name = "tenant")]
    public Guid? SelectedTenant { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true, Name = "actor")]
    public string? ActorFilter { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    public IReadOnlyList<AdminTenantView> Tenants { get; private set; } = [];

    public AuditChainStatus? Chain { get; private set; }

    public IReadOnlyList<AuditEventSummary> Events { get; private set; } = [];

    public long? NextCursor { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (IsInstanceAdministrator)
        {
            var tenants = await Sender.Send(new ListTenantsQuery(Actor, null, 100), ct);
            if (tenants.IsSuccess) Tenants = tenants.Value.Items;
        }

        var tenant = IsInstanceAdministrator ? SelectedTenant ?? OwnTenantId : OwnTenantId;
        SelectedTenant = tenant;
        Guid? actor = null;
        if (!string.IsNullOrWhiteSpace(ActorFilter))
        {
            if (!Guid.TryParse(ActorFilter.Trim(), out var parsed))
            {
                ErrorMessage = "The actor is a user id (a GUID).";
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }

            actor = parsed;
        }

        var chain = await Sender.Send(new VerifyAuditChainQuery(Actor, tenant), ct);
        if (chain.IsFailure)
        {
            ErrorMessage = chain.Error.Message;
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        Chain = chain.Value;
        var from = From is { } f ? new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : (DateTimeOffset?)null;
        var to = To is { } t ? new DateTimeOffset(t.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : (DateTimeOffset?)null;
        var action = string.IsNullOrWhiteSpace(Action) ? null : Action.Trim();
        var events = await QueryAsync(() => Sender.Send(new ListAuditEventsQuery(new TenantId(tenant), actor, action, from, to, Before, PageSize), ct).AsTask());
        if (events is null) return Page();
        Events = events.Items;
        NextCursor = events.NextCursor;
        return Page();
    }
}
