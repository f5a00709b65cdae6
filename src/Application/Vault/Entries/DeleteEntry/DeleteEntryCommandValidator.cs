using FluentValidation;

namespace PasswordManager.Application.Vault.Entries.DeleteEntry;

internal sealed class DeleteEntryCommandValidator : AbstractValidator<DeleteEntryCommand>
{
    public DeleteEntryCommandValidator()
    {
        RuleFor(c => c.VaultId).NotEmpty();
        RuleFor(c => c.EntryId).NotEmpty();
        RuleFor(c => c.ReplacesVersion).GreaterThan(0).WithMessage("version must name the version being deleted.");
    }
}
