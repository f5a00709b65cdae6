using FluentValidation;
using PasswordManager.Application.Common.Validation;

namespace PasswordManager.Application.Sharing.Invitations.ConfirmInvitation;

internal sealed class ConfirmInvitationCommandValidator : AbstractValidator<ConfirmInvitationCommand>
{
    public ConfirmInvitationCommandValidator()
    {
        RuleFor(c => c.VaultId).NotEmpty();
        RuleFor(c => c.InvitationId).NotEmpty();
        RuleFor(c => c.KeyEpoch).GreaterThan(0);
        RuleFor(c => c.WrappedKey).SealedKey();
        RuleFor(c => c.GranterSignature).Signature();
    }
}
