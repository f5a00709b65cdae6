using FluentValidation;

namespace PasswordManager.Application.Encryption.Contexts.ListContexts;

internal sealed class ListContextsQueryValidator : AbstractValidator<ListContextsQuery>
{
    public ListContextsQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, 200);
        RuleFor(q => q.After).MaximumLength(128);
    }
}
