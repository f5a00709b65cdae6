using FluentValidation;
using PasswordManager.Application.Billing.Plans;

namespace PasswordManager.Application.Billing.Subscriptions.SetSubscription;

internal sealed class SetSubscriptionCommandValidator : AbstractValidator<SetSubscriptionCommand>
{
    public const int MaxSeats = 1_000_000;

    public SetSubscriptionCommandValidator()
    {
        RuleFor(c => c.TenantId).NotEmpty();
        RuleFor(c => c.PlanId).Must(PlanIds.IsValid).WithMessage(PlanIds.Message);
        RuleFor(c => c.Status).Must(s => BillingMappings.ParseStatus(s) is not null).WithMessage("status is one of trialing, active, past_due, canceled.");
        RuleFor(c => c.Seats).InclusiveBetween(1, MaxSeats).When(c => c.Seats is not null);
    }
}
