using FluentValidation;

namespace PasswordManager.Application.Vault.RekeySessions.UploadRekeyEntries;

internal sealed class UploadRekeyEntriesCommandValidator : AbstractValidator<UploadRekeyEntriesCommand>
{
    public UploadRekeyEntriesCommandValidator(VaultPolicy policy)
    {
        RuleFor(c => c.VaultId).NotEmpty();
        RuleFor(c => c.SessionId).NotEmpty();
        RuleFor(c => c.Entries).NotEmpty()
            .Must(e => e.Count <= policy.MaxBatchWrites).WithMessage($"At most {policy.MaxBatchWrites} entries per upload.")
            .Must(e => e.Select(x => x.EntryId).Distinct().Count() == e.Count).WithMessage("Each entry may appear once per upload.");
        RuleForEach(c => c.Entries).ChildRules(entry =>
        {
            entry.RuleFor(e => e.EntryId).NotEmpty();
            entry.RuleFor(e => e.ReplacesVersion).GreaterThan(0);
            entry.RuleFor(e => e.Ciphertext).EntryCiphertext(policy.MaxEntryBytes).When(e => e.Ciphertext is not null);
            entry.RuleFor(e => e.NameIndex).NameIndex();
            entry.RuleFor(e => e.NameIndex).Null().When(e => e.Ciphertext is null).WithMessage("An entry taken out of the session carries no nameIndex.");
        });
    }
}
