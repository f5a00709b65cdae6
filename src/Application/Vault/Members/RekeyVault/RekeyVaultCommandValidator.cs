using FluentValidation;

namespace PasswordManager.Application.Vault.Members.RekeyVault;

internal sealed class RekeyVaultCommandValidator : AbstractValidator<RekeyVaultCommand>
{
    public const int MaxEntries = 20_000;

    public RekeyVaultCommandValidator(VaultPolicy policy)
    {
        RuleFor(c => c.VaultId).NotEmpty();
        RuleFor(c => c.FromKeyEpoch).GreaterThan(0);
        RuleFor(c => c.Revoke).NotNull();
        RuleFor(c => c.Entries).NotNull()
            .Must(e => e.Count <= MaxEntries).WithMessage($"At most {MaxEntries} entries per re-key.")
            .Must(e => e.Select(x => x.EntryId).Distinct().Count() == e.Count).WithMessage("Each entry may appear once.");
        RuleForEach(c => c.Entries).ChildRules(entry =>
        {
            entry.RuleFor(e => e.EntryId).NotEmpty();
            entry.RuleFor(e => e.ReplacesVersion).GreaterThan(0);
            entry.RuleFor(e => (string?)e.Ciphertext).EntryCiphertext(policy.MaxEntryBytes);
            entry.RuleFor(e => e.NameIndex).NameIndex();
        });
        RuleFor(c => c.EncryptedMetadata).VaultMetadata();
        RuleFor(c => c.Members).RekeyedMembers();
    }
}
