using FluentValidation;
using PasswordManager.Application.Encryption.Keys;
using PasswordManager.Domain.Encryption;

namespace PasswordManager.Application.Encryption.Operations.Rewrap;

internal sealed class RewrapCommandValidator : AbstractValidator<RewrapCommand>
{
    public RewrapCommandValidator()
    {
        RuleFor(c => c.EncryptionId).Must(EncryptionContext.IsValidEncryptionId).WithMessage("encryptionId is not a valid encryption id.");
        RuleFor(c => c.Items).NotNull().Must(i => i.Count is > 0 and <= EncryptionLimits.MaxBatchItems)
            .WithMessage($"Between 1 and {EncryptionLimits.MaxBatchItems} items are rewrapped per request.");
        RuleForEach(c => c.Items).NotNull().SetValidator(new CipherInputValidator());
        RuleFor(c => c.MasterKey).Must(WireFormat.IsMasterKey).WithMessage("X-Master-Key must be 32 bytes, base64-encoded.");
    }
}
