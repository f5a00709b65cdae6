using FluentValidation;
using PasswordManager.Application.Common.Validation;
using PasswordManager.Application.Encryption.Keys;
using PasswordManager.Domain.Encryption;

namespace PasswordManager.Application.Encryption.Operations.Encrypt;

internal sealed class EncryptCommandValidator : AbstractValidator<EncryptCommand>, IPrecheckedValidator<EncryptCommand>
{
    public EncryptCommandValidator()
    {
        RuleFor(c => c.EncryptionId).Must(EncryptionContext.IsValidEncryptionId)
            .WithMessage("encryptionId must be 1–128 characters: letters, digits and . _ - :, starting with a letter or digit.");
        RuleFor(c => c.Items).NotNull().Must(i => i.Count is > 0 and <= EncryptionLimits.MaxBatchItems)
            .WithMessage($"Between 1 and {EncryptionLimits.MaxBatchItems} items are encrypted per request.");
        RuleForEach(c => c.Items).Must(d => d is { IsValid: true })
            .WithMessage($"data must be base64 of at most {EncryptionLimits.MaxItemBytes} bytes.");
        RuleFor(c => c.EncryptionVersionId).NotEqual(Guid.Empty);
        RuleFor(c => c.MasterKey).Must(WireFormat.IsMasterKey).WithMessage("X-Master-Key must be 32 bytes, base64-encoded.");
    }

    public bool Passes(EncryptCommand message) =>
        message is { Items: { Count: > 0 and <= EncryptionLimits.MaxBatchItems } items }
        && EncryptionContext.IsValidEncryptionId(message.EncryptionId)
        && AllValid(items)
        && message.EncryptionVersionId != Guid.Empty
        && WireFormat.IsMasterKey(message.MasterKey);

    private static bool AllValid(IReadOnlyList<Plaintext?> items)
    {
        for (var i = 0; i < items.Count; i++)
            if (items[i] is not { IsValid: true }) return false;
        return true;
    }
}
