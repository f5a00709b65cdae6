using FluentValidation;
using PasswordManager.Domain.Billing.Plans;

namespace PasswordManager.Application.Billing.Plans.CreatePlan;

internal sealed class CreatePlanCommandValidator : AbstractValidator<CreatePlanCommand>
{
    public CreatePlanCommandValidator()
    {
        RuleFor(c => c.Id).Must(PlanIds.IsValid).WithMessage(PlanIds.Message);
        RuleFor(c => c.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("name is required.").MaximumLength(Plan.MaxNameLength);
        RuleFor(c => c.Entitlements).Must(EntitlementInput.AreValid).WithMessage(EntitlementInput.Message);
    }
}
