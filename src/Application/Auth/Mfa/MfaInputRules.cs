using System.Linq.Expressions;
using FluentValidation;

namespace PasswordManager.Application.Auth.Mfa;

/// <summary>The shapes of the second-factor inputs, shared by every MFA validator.</summary>
internal static class MfaInputRules
{
    public const int MaxRecoveryCodeLength = 32;

    public static IRuleBuilderOptions<T, string?> TotpCode<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(c => c is null || (c.Length == 6 && c.All(char.IsAsciiDigit))).WithMessage("A code is 6 digits.");

    public static IRuleBuilderOptions<T, string?> RecoveryCodeShape<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(c => c is null || (c.Length is > 0 and <= MaxRecoveryCodeLength && c.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or ' ')))
            .WithMessage($"A recovery code is at most {MaxRecoveryCodeLength} letters, digits and dashes.");

    /// <summary>Exactly one of a TOTP code and a recovery code.</summary>
    public static void OneSecondFactor<T>(
        this AbstractValidator<T> validator, Expression<Func<T, string?>> code, Expression<Func<T, string?>> recoveryCode)
    {
        validator.RuleFor(code).TotpCode();
        validator.RuleFor(recoveryCode).RecoveryCodeShape();
        var (codeOf, recoveryCodeOf) = (code.Compile(), recoveryCode.Compile());
        validator.RuleFor(x => x).Must(x => (codeOf(x) is null) != (recoveryCodeOf(x) is null))
            .OverridePropertyName("code").WithMessage("Send either a code or a recovery code.");
    }

    /// <summary>At most one of a TOTP code and a recovery code (a change that needs one only when MFA is on).</summary>
    public static void OptionalSecondFactor<T>(
        this AbstractValidator<T> validator, Expression<Func<T, string?>> code, Expression<Func<T, string?>> recoveryCode)
    {
        validator.RuleFor(code).TotpCode();
        validator.RuleFor(recoveryCode).RecoveryCodeShape();
        var (codeOf, recoveryCodeOf) = (code.Compile(), recoveryCode.Compile());
        validator.RuleFor(x => x).Must(x => codeOf(x) is null || recoveryCodeOf(x) is null)
            .OverridePropertyName("code").WithMessage("Send a code or a recovery code, not both.");
    }
}
