using Mediator;
using Microsoft.AspNetCore.Mvc;
using PasswordManager.Application.Auth.Administration;
using PasswordManager.Application.Auth.Administration.Tenants.ListTenants;
using PasswordManager.Application.Billing;
using PasswordManager.Application.Billing.Plans.ListPlans;
using PasswordManager.Application.Billing.Subscriptions.GetTenantBilling;
using PasswordManager.Application.Billing.Subscriptions.RemoveEntitlementOverride;
using PasswordManager.Application.Billing.Subscriptions.SetEntitlementOverride;

namespace PasswordManager.Api.AdminConsole.Pages;

/// <summary>Plans and per-tenant entitlement overrides (instance administrators).</summary>
internal sealed class PlansModel(ISender sender) : ConsolePageModel(sender)
{
    public sealed record OverrideRow(Guid TenantId, string TenantName, string Key, string Value);

    public string DefaultPlan { get; private set; } = "";

    public IReadOnlyList<PlanView> Plans { get; private set; } = [];

    public IReadOnlyList<AdminTenantView> Tenants { get; private set; } = [];

    public IReadOnlyList<OverrideRow> Overrides { get; private set; } = [];

    public IReadOnlyList<string> EntitlementKeys { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken ct)
    {
        Notice = done switch { "set" => "The override is set.", "removed" => "The override is removed.", _ => null };
        return await ShowAsync(ct);
    }

    public Task<IActionResult> OnPostSetAsync(Guid tenantId, string? key, string? value, CancellationToken ct) =>
        ActAsync(async () => await Sender.Send(new SetEntitlementOverrideCommand(BillingCaller, tenantId, key ?? "", value ?? ""), ct),
            _ => Redirect(AdminConsoleSetup.PathPrefix + "/plans?done=set"), () => ShowAsync(ct));

    public Task<IActionResult> OnPostRemoveAsync(Guid tenantId, string? key, CancellationToken ct) =>
        ActAsync(async () => await Sender.Send(new RemoveEntitlementOverrideCommand(BillingCaller, tenantId, key ?? ""), ct),
            _ => Redirect(AdminConsoleSetup.PathPrefix + "/plans?done=removed"), () => ShowAsync(ct));

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        if (!IsInstanceAdministrator) return InstanceAdministratorsOnly();
        var plans = await Sender.Send(new ListPlansQuery(BillingCaller), ct);
        if (plans.IsSuccess) (DefaultPlan, Plans) = (plans.Value.DefaultPlan, plans.Value.Plans);
        EntitlementKeys = [.. Plans.SelectMany(p => p.Entitlements.Keys).Distinct().Order(StringComparer.Ordinal)];

        var tenants = await Sender.Send(new ListTenantsQuery(Actor, null, 100), ct);
        if (tenants.IsSuccess) Tenants = tenants.Value.Items;
        var overrides = new List<OverrideRow>();
        foreach (var tenant in Tenants)
        {
            var billing = await Sender.Send(new GetTenantBillingQuery(BillingCaller, tenant.TenantId), ct);
            if (billing.IsSuccess)
                overrides.AddRange(billing.Value.Overrides.Select(o => new OverrideRow(tenant.TenantId, tenant.Name, o.Key, o.Value)));
        }

        Overrides = overrides;
        return Page();
    }
}
