using FluentValidation;

namespace PasswordManager.Application.Vault.Entries.UpsertEntry;

internal sealed class UpsertEntryCommandValidator : AbstractValidator<UpsertEntryCommand>
{
    public UpsertEntryCommandValidator(VaultPolicy policy)
    {
        RuleFor(c => c.VaultId).NotEmpty();
        RuleFor(c => c.EntryId).NotEmpty();
        RuleFor(c => c.ReplacesVersion).GreaterThanOrEqualTo(0);
        RuleFor(c => c.KeyEpoch).GreaterThan(0);
        RuleFor(c => c.Ciphertext).EntryCiphertext(policy.MaxEntryBytes);
        RuleFor(c => c.NameIndex).NameIndex();
    }
}
