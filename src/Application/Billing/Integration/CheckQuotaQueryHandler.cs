using Mediator;
using PasswordManager.Application.Contracts.Billing;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Billing.Integration;

public sealed class CheckQuotaQueryHandler(TenantPlans plans) : IQueryHandler<CheckQuotaQuery, Result>
{
    public async ValueTask<Result> Handle(CheckQuotaQuery query, CancellationToken cancellationToken)
    {
        var entitlements = (await plans.GetAsync(new TenantId(query.TenantId), cancellationToken)).Effective;
        if (entitlements.LimitOf(query.Entitlement) is not { } limit || query.Adding <= 0) return Result.Success();
        return query.Usage + query.Adding > limit ? new QuotaExceeded(query.Entitlement, limit, query.Usage) : Result.Success();
    }
}

public sealed class GetEntitlementLimitQueryHandler(TenantPlans plans) : IQueryHandler<GetEntitlementLimitQuery, long?>
{
    public async ValueTask<long?> Handle(GetEntitlementLimitQuery query, CancellationToken cancellationToken) =>
        (await plans.GetAsync(new TenantId(query.TenantId), cancellationToken)).Effective.LimitOf(query.Entitlement);
}

public sealed class CheckMfaMethodQueryHandler(TenantPlans plans) : IQueryHandler<CheckMfaMethodQuery, Result>
{
    public async ValueTask<Result> Handle(CheckMfaMethodQuery query, CancellationToken cancellationToken)
    {
        var entitlements = (await plans.GetAsync(new TenantId(query.TenantId), cancellationToken)).Effective;
        return entitlements.MfaMethods.Contains(query.Method) ? Result.Success() : new QuotaExceeded(Entitlement.MfaMethods, 0, 0);
    }
}

public sealed class GetSignInPolicyQueryHandler(TenantPlans plans) : IQueryHandler<GetSignInPolicyQuery, SignInPolicy>
{
    public async ValueTask<SignInPolicy> Handle(GetSignInPolicyQuery query, CancellationToken cancellationToken)
    {
        var entitlements = (await plans.GetAsync(new TenantId(query.TenantId), cancellationToken)).Effective;
        return new SignInPolicy(entitlements.PasswordLoginAllowed, entitlements.MagicLinkAllowed, entitlements.OidcAllowed, entitlements.MfaRequired);
    }
}
