using FluentValidation;
using PasswordManager.Domain.Billing.Plans;

namespace PasswordManager.Application.Billing.Subscriptions.SetEntitlementOverride;

internal sealed class SetEntitlementOverrideCommandValidator : AbstractValidator<SetEntitlementOverrideCommand>
{
    public SetEntitlementOverrideCommandValidator()
    {
        RuleFor(c => c.TenantId).NotEmpty();
        RuleFor(c => c.Key).Must(k => EntitlementKey.All.Contains(k)).WithMessage($"Unknown entitlement; the entitlements are {string.Join(", ", EntitlementKey.All)}.");
        RuleFor(c => c.Value).Must((c, v) => Entitlements.IsValidValue(c.Key, v))
            .WithMessage("value is a number or \"unlimited\" for limits, true/false for features, a comma list of totp for mfa_methods.");
    }
}
