using FluentValidation;
using PasswordManager.Application.Auth.Accounts;

namespace PasswordManager.Application.Auth.Mfa.RegenerateRecoveryCodes;

internal sealed class RegenerateRecoveryCodesCommandValidator : AbstractValidator<RegenerateRecoveryCodesCommand>
{
    public RegenerateRecoveryCodesCommandValidator()
    {
        RuleFor(c => c.AuthHash).MustBeAuthHash("authHash");
        RuleFor(c => c.Code).NotEmpty().TotpCode();
    }
}
