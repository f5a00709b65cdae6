using FluentValidation;
using PasswordManager.Domain.Billing.Plans;

namespace PasswordManager.Application.Billing.Subscriptions.RemoveEntitlementOverride;

internal sealed class RemoveEntitlementOverrideCommandValidator : AbstractValidator<RemoveEntitlementOverrideCommand>
{
    public RemoveEntitlementOverrideCommandValidator()
    {
        RuleFor(c => c.TenantId).NotEmpty();
        RuleFor(c => c.Key).Must(k => EntitlementKey.All.Contains(k)).WithMessage($"Unknown entitlement; the entitlements are {string.Join(", ", EntitlementKey.All)}.");
    }
}
