using FluentValidation;
using PasswordManager.Application.Encryption.Keys;
using PasswordManager.Domain.Encryption;

namespace PasswordManager.Application.Encryption.Contexts.CreateContext;

internal sealed class CreateContextCommandValidator : AbstractValidator<CreateContextCommand>
{
    public CreateContextCommandValidator()
    {
        RuleFor(c => c.EncryptionId).Must(EncryptionContext.IsValidEncryptionId)
            .WithMessage("encryptionId must be 1–128 characters: letters, digits and . _ - :, starting with a letter or digit.");
        RuleFor(c => c.MasterKey).Must(WireFormat.IsMasterKey).WithMessage("X-Master-Key must be 32 bytes, base64-encoded.");
    }
}
