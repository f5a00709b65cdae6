using FluentValidation;

namespace PasswordManager.Application.Auth.Mfa.RegenerateRecoveryCodes;

internal sealed class RegenerateRecoveryCodesCommandValidator : AbstractValidator<RegenerateRecoveryCodesCommand>
{
    public RegenerateRecoveryCodesCommandValidator()
    {
        RuleFor(c => c.AuthHash).AuthHash();
        RuleFor(c => c.Code).NotEmpty().TotpCode();
    }
}
