using FluentValidation;

namespace PasswordManager.Application.Sharing.Invitations.InviteToVault;

internal sealed class InviteToVaultCommandValidator : AbstractValidator<InviteToVaultCommand>
{
    public InviteToVaultCommandValidator(TimeProvider clock)
    {
        RuleFor(c => c.VaultId).NotEmpty();
        RuleFor(c => c.Invitee).NotEmpty().Must(i => i.Trim().Length is > 0 and <= 320).WithMessage("invitee must be a username or an email of at most 320 characters.");
        RuleFor(c => c.Permission).IsInEnum();
        RuleFor(c => c.ExpiresAt).Must(e => e > clock.GetUtcNow()).When(c => c.ExpiresAt is not null).WithMessage("expiresAt must be in the future.");
    }
}
