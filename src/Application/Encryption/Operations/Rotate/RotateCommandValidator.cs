using FluentValidation;
using PasswordManager.Application.Encryption.Keys;
using PasswordManager.Domain.Encryption;

namespace PasswordManager.Application.Encryption.Operations.Rotate;

internal sealed class RotateCommandValidator : AbstractValidator<RotateCommand>
{
    public RotateCommandValidator()
    {
        RuleFor(c => c.EncryptionId).Must(EncryptionContext.IsValidEncryptionId).WithMessage("encryptionId is not a valid encryption id.");
        RuleFor(c => c.MasterKey).Must(WireFormat.IsMasterKey).WithMessage("X-Master-Key must be 32 bytes, base64-encoded.");
    }
}
