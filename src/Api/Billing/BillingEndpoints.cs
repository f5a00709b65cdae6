using PasswordManager.Api.Billing.Features;
using PasswordManager.Api.Billing.Flags;
using PasswordManager.Api.Billing.Plans;
using PasswordManager.Api.Billing.Subscriptions;
using PasswordManager.Api.Billing.Usage;
using PasswordManager.Api.Billing.Webhooks;
using PasswordManager.Api.Common.Security;

namespace PasswordManager.Api.Billing;

internal static class BillingEndpoints
{
    private const long AdminBodyLimit = 64 * 1024;

    internal static IEndpointRouteBuilder MapBilling(this IEndpointRouteBuilder app)
    {
        // No AllowApiKey anywhere: API keys never reach plans, subscriptions, flags or usage.
        var admin = app.MapGroup("/api/v1/admin").WithTags("Billing").RequireAuthorization().WithMetadata(new RequestSizeLimitMetadata(AdminBodyLimit));
        admin.MapListPlans();
        admin.MapCreatePlan();
        admin.MapUpdatePlan();
        admin.MapGetTenantBilling();
        admin.MapSetSubscription();
        admin.MapSetEntitlementOverride();
        admin.MapRemoveEntitlementOverride();
        admin.MapListUsage();
        admin.MapGetTenantUsage();
        admin.MapReconcileTenantUsage();
        admin.MapListFlags();
        admin.MapSetFlag();
        admin.MapDeleteFlag();
        app.MapGetFeatures();

        // Anonymous: the HMAC signature over the body is the authentication.
        app.MapGroup("/api/v1/billing").WithTags("Billing").AllowAnonymous().WithMetadata(new RequestSizeLimitMetadata(AdminBodyLimit))
            .MapApplyWebhookEvent();
        return app;
    }
}
