using FluentValidation;
using PasswordManager.Application.Encryption.Keys;
using PasswordManager.Domain.Encryption;

namespace PasswordManager.Application.Encryption.Operations.GenerateDataKey;

internal sealed class GenerateDataKeyCommandValidator : AbstractValidator<GenerateDataKeyCommand>
{
    public GenerateDataKeyCommandValidator()
    {
        RuleFor(c => c.EncryptionId).Must(EncryptionContext.IsValidEncryptionId).WithMessage("encryptionId is not a valid encryption id.");
        RuleFor(c => c.MasterKey).Must(WireFormat.IsMasterKey).WithMessage("X-Master-Key must be 32 bytes, base64-encoded.");
    }
}
