using FluentValidation;

namespace PasswordManager.Application.Vault.Entries.WriteEntries;

internal sealed class WriteEntriesCommandValidator : AbstractValidator<WriteEntriesCommand>
{
    public WriteEntriesCommandValidator(VaultPolicy policy)
    {
        RuleFor(c => c.VaultId).NotEmpty();
        RuleFor(c => c.Writes).NotEmpty()
            .Must(w => w.Count <= policy.MaxBatchWrites).WithMessage($"At most {policy.MaxBatchWrites} writes per batch.")
            .Must(w => w.Select(i => i.EntryId).Distinct().Count() == w.Count).WithMessage("Each entry may appear once per batch.");
        RuleForEach(c => c.Writes).ChildRules(write =>
        {
            write.RuleFor(w => w.EntryId).NotEmpty();
            write.RuleFor(w => w.ReplacesVersion).GreaterThanOrEqualTo(0);
            write.RuleFor(w => w.ReplacesVersion).NotNull().GreaterThan(0).When(w => w.Delete)
                .WithMessage("A delete must name the version it deletes.");
            write.RuleFor(w => w.KeyEpoch).GreaterThan(0).When(w => !w.Delete);
            write.RuleFor(w => w.Ciphertext).Null().When(w => w.Delete).WithMessage("A delete carries no ciphertext.");
            write.RuleFor(w => w.Ciphertext).EntryCiphertext(policy.MaxEntryBytes).When(w => !w.Delete);
            write.RuleFor(w => w.NameIndex).NameIndex();
            write.RuleFor(w => w.NameIndex).Null().When(w => w.Delete).WithMessage("A delete carries no nameIndex.");
        });
    }
}
