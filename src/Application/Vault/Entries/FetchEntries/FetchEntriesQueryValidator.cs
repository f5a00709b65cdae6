using FluentValidation;

namespace PasswordManager.Application.Vault.Entries.FetchEntries;

internal sealed class FetchEntriesQueryValidator : AbstractValidator<FetchEntriesQuery>
{
    public const int MaxIds = 256;

    public FetchEntriesQueryValidator() =>
        RuleFor(q => q.EntryIds).NotEmpty().Must(ids => ids.Count <= MaxIds).WithMessage($"At most {MaxIds} entry ids per request.");
}
