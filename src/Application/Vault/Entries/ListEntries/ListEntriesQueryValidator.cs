using FluentValidation;
using PasswordManager.Application.Common.Paging;

namespace PasswordManager.Application.Vault.Entries.ListEntries;

internal sealed class ListEntriesQueryValidator : AbstractValidator<ListEntriesQuery>
{
    public ListEntriesQueryValidator() => RuleFor(q => q.Limit).ValidPageLimit();
}
