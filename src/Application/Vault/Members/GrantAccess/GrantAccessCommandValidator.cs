using FluentValidation;
using PasswordManager.Application.Common.Validation;

namespace PasswordManager.Application.Vault.Members.GrantAccess;

internal sealed class GrantAccessCommandValidator : AbstractValidator<GrantAccessCommand>
{
    public GrantAccessCommandValidator(TimeProvider clock)
    {
        RuleFor(c => c.VaultId).NotEmpty();
        RuleFor(c => c.RecipientId).NotEmpty().NotEqual(c => c.GranterId.Value).WithMessage("You are a member already.");
        RuleFor(c => c.Permission).IsInEnum();
        RuleFor(c => c.KeyEpoch).GreaterThan(0);
        RuleFor(c => c.WrappedKey).SealedKey();
        RuleFor(c => c.GranterSignature).Signature();
        RuleFor(c => c.ExpiresAt).Must(e => e > clock.GetUtcNow()).When(c => c.ExpiresAt is not null).WithMessage("expiresAt must be in the future.");
    }
}
