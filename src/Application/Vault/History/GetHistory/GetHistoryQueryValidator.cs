using FluentValidation;
using PasswordManager.Application.Common.Paging;

namespace PasswordManager.Application.Vault.History.GetHistory;

internal sealed class GetHistoryQueryValidator : AbstractValidator<GetHistoryQuery>
{
    public GetHistoryQueryValidator()
    {
        RuleFor(q => q.After).GreaterThanOrEqualTo(0).WithMessage("after must not be negative.");
        RuleFor(q => q.Limit).ValidPageLimit().When(q => q.Limit is not null);
    }
}
