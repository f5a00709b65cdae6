using FluentValidation;

namespace PasswordManager.Application.Vault.Attachments.UploadAttachment;

internal sealed class UploadAttachmentCommandValidator : AbstractValidator<UploadAttachmentCommand>
{
    public UploadAttachmentCommandValidator()
    {
        RuleFor(c => c.VaultId).NotEmpty();
        RuleFor(c => c.EntryId).NotEmpty();
        RuleFor(c => c.AttachmentId).NotEmpty();
        RuleFor(c => c.KeyEpoch).GreaterThan(0).WithMessage("keyEpoch must name the vault key epoch the attachment is encrypted with.");
        RuleFor(c => c.Content).NotNull();
    }
}
