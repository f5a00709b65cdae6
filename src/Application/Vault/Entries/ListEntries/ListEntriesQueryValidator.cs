using FluentValidation;
using PasswordManager.Application.Common.Paging;
using PasswordManager.Application.Vault.Entries.FetchEntries;

namespace PasswordManager.Application.Vault.Entries.ListEntries;

internal sealed class ListEntriesQueryValidator : AbstractValidator<ListEntriesQuery>
{
    public ListEntriesQueryValidator()
    {
        RuleFor(q => q.Limit).ValidPageLimit();
        RuleFor(q => q.NameIndex).NameIndex();
        // Matches carry ciphertexts: a page of them is bounded like a batch fetch.
        RuleFor(q => q.Limit).LessThanOrEqualTo(FetchEntriesQueryValidator.MaxIds).When(q => q.NameIndex is not null)
            .WithMessage($"With nameIndex, limit must be at most {FetchEntriesQueryValidator.MaxIds}.");
    }
}
