using FluentValidation;

namespace PasswordManager.Application.Auth.Oidc.CompleteOidcSignIn;

internal sealed class CompleteOidcSignInCommandValidator : AbstractValidator<CompleteOidcSignInCommand>
{
    public CompleteOidcSignInCommandValidator()
    {
        RuleFor(c => c.State).NotEmpty().MaximumLength(128);
        RuleFor(c => c.Code).NotEmpty().MaximumLength(2048).Matches("^[\\x21-\\x7e]+$").WithMessage("code must be printable ASCII.");
        RuleFor(c => c.Verifier).NotEmpty().Length(43, 128).Matches("^[A-Za-z0-9._~-]+$")
            .WithMessage("verifier must be 43–128 characters of A–Z a–z 0–9 . _ ~ - (RFC 7636).");
    }
}
