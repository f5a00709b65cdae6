using FluentValidation;

namespace PasswordManager.Application.Vault.Entries.ListEntries;

internal sealed class ListEntriesQueryValidator : AbstractValidator<ListEntriesQuery>
{
    public ListEntriesQueryValidator() => RuleFor(q => q.Limit).InclusiveBetween(1, 1000);
}
