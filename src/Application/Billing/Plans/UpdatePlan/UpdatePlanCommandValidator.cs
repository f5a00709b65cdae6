using FluentValidation;
using PasswordManager.Domain.Billing.Plans;

namespace PasswordManager.Application.Billing.Plans.UpdatePlan;

internal sealed class UpdatePlanCommandValidator : AbstractValidator<UpdatePlanCommand>
{
    public UpdatePlanCommandValidator()
    {
        RuleFor(c => c.Id).Must(PlanIds.IsValid).WithMessage(PlanIds.Message);
        RuleFor(c => c.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("name must not be blank.").MaximumLength(Plan.MaxNameLength)
            .When(c => c.Name is not null);
        RuleFor(c => c.Entitlements).Must(EntitlementInput.AreValid).WithMessage(EntitlementInput.Message);
    }
}
