using FluentValidation;
using PasswordManager.Application.Vault.Vaults.CreateVault;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Vault.RekeySessions.CommitRekeySession;

internal sealed class CommitRekeySessionCommandValidator : AbstractValidator<CommitRekeySessionCommand>
{
    public CommitRekeySessionCommandValidator()
    {
        RuleFor(c => c.VaultId).NotEmpty();
        RuleFor(c => c.SessionId).NotEmpty();
        RuleFor(c => c.EncryptedMetadata)
            .Must(m => EnvelopeFormat.TryDecodeBase64(m) is { } bytes && EnvelopeFormat.IsSymmetricEnvelope(bytes, 0, CreateVaultCommandValidator.MaxMetadataBytes))
            .When(c => c.EncryptedMetadata is not null)
            .WithMessage($"encryptedMetadata must be a v1 encrypted envelope of at most {CreateVaultCommandValidator.MaxMetadataBytes} bytes of plaintext.");
        RuleFor(c => c.Members).NotEmpty()
            .Must(m => m.Select(x => x.UserId).Distinct().Count() == m.Count).WithMessage("Each member may appear once.");
        RuleForEach(c => c.Members).ChildRules(member =>
        {
            member.RuleFor(m => m.UserId).NotEmpty();
            member.RuleFor(m => m.WrappedKey).SealedKey();
            member.RuleFor(m => m.GranterSignature).Signature();
        });
    }
}
