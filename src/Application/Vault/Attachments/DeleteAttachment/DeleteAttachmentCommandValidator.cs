using FluentValidation;

namespace PasswordManager.Application.Vault.Attachments.DeleteAttachment;

internal sealed class DeleteAttachmentCommandValidator : AbstractValidator<DeleteAttachmentCommand>
{
    public DeleteAttachmentCommandValidator()
    {
        RuleFor(c => c.VaultId).NotEmpty();
        RuleFor(c => c.EntryId).NotEmpty();
        RuleFor(c => c.AttachmentId).NotEmpty();
    }
}
