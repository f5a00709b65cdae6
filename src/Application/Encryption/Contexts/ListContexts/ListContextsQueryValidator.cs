using FluentValidation;
using PasswordManager.Application.Common.Paging;

namespace PasswordManager.Application.Encryption.Contexts.ListContexts;

internal sealed class ListContextsQueryValidator : AbstractValidator<ListContextsQuery>
{
    public ListContextsQueryValidator()
    {
        RuleFor(q => q.Limit).ValidPageLimit();
        RuleFor(q => q.After).MaximumLength(128);
    }
}
