using FluentValidation;

namespace PasswordManager.Application.Vault.RekeySessions.CommitRekeySession;

internal sealed class CommitRekeySessionCommandValidator : AbstractValidator<CommitRekeySessionCommand>
{
    public CommitRekeySessionCommandValidator()
    {
        RuleFor(c => c.VaultId).NotEmpty();
        RuleFor(c => c.SessionId).NotEmpty();
        RuleFor(c => c.EncryptedMetadata).VaultMetadata();
        RuleFor(c => c.Members).RekeyedMembers();
    }
}
