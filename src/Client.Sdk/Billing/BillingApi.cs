using PasswordManager.Client.Sdk.Http;

namespace PasswordManager.Client.Sdk.Billing;

/// <summary>Plans, subscriptions, usage and feature flags (docs/api-guide.md, "Billing"). Changes need an instance admin.</summary>
public sealed class BillingApi
{
    private const string adminPath = "api/v1/admin";

    private readonly ApiConnection connection;

    internal BillingApi(ApiConnection connection)
    {
        this.connection = connection;
    }

    public Task<PlanList> ListPlansAsync(CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<PlanList>(HttpMethod.Get, $"{adminPath}/plans", body: null, cancellationToken);

    public Task<TenantBilling> GetTenantBillingAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<TenantBilling>(HttpMethod.Get, $"{adminPath}/tenants/{tenantId}/billing", body: null, cancellationToken);

    public Task<SubscriptionInfo> SetSubscriptionAsync(Guid tenantId, SetSubscriptionRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<SubscriptionInfo>(HttpMethod.Put, $"{adminPath}/tenants/{tenantId}/subscription", request, cancellationToken);

    public Task<IReadOnlyDictionary<string, string>> SetEntitlementOverrideAsync(
        Guid tenantId, string key, string value, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<IReadOnlyDictionary<string, string>>(
            HttpMethod.Put, $"{adminPath}/tenants/{tenantId}/entitlements/{Uri.EscapeDataString(key)}", new { value }, cancellationToken);

    public Task<IReadOnlyList<TenantUsage>> ListUsageAsync(CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<IReadOnlyList<TenantUsage>>(HttpMethod.Get, $"{adminPath}/usage", body: null, cancellationToken);

    public Task<TenantUsage> GetUsageAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<TenantUsage>(HttpMethod.Get, $"{adminPath}/tenants/{tenantId}/usage", body: null, cancellationToken);

    public Task<IReadOnlyList<FlagInfo>> ListFlagsAsync(CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<IReadOnlyList<FlagInfo>>(HttpMethod.Get, $"{adminPath}/flags", body: null, cancellationToken);

    public Task<FlagInfo> SetFlagAsync(string name, SetFlagRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return connection.SendAuthorizedAsync<FlagInfo>(HttpMethod.Put, $"{adminPath}/flags/{Uri.EscapeDataString(name)}", request, cancellationToken);
    }

    public Task DeleteFlagAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return connection.SendAuthorizedAsync(HttpMethod.Delete, $"{adminPath}/flags/{Uri.EscapeDataString(name)}", body: null, cancellationToken);
    }

    public Task<Features> GetFeaturesAsync(CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<Features>(HttpMethod.Get, "api/v1/features", body: null, cancellationToken);
}
