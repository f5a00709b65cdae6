using FluentValidation;
using PasswordManager.Application.Encryption.Keys;
using PasswordManager.Domain.Encryption.Crypto;

namespace PasswordManager.Application.Encryption.Operations;

internal sealed class CipherInputValidator : AbstractValidator<CipherInput>
{
    public CipherInputValidator()
    {
        RuleFor(i => i.CipherText)
            .Must(c => WireFormat.DecodedLength(c) is >= Aes256Gcm.TagSize and <= EncryptionLimits.MaxItemBytes + Aes256Gcm.TagSize)
            .WithMessage("cipherText must be base64 of ciphertext and 16-byte tag.");
        RuleFor(i => i.EncryptionVersionId).NotEmpty();
        RuleFor(i => i.Metadata).NotNull();
        RuleFor(i => i.Metadata!.Nonce)
            .Must(n => WireFormat.IsBase64OfLength(n, Aes256Gcm.NonceSize))
            .WithMessage("metadata.nonce must be 12 bytes, base64-encoded.")
            .When(i => i.Metadata is not null);
    }
}
