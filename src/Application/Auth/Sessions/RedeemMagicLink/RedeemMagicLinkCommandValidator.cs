using FluentValidation;

namespace PasswordManager.Application.Auth.Sessions.RedeemMagicLink;

internal sealed class RedeemMagicLinkCommandValidator : AbstractValidator<RedeemMagicLinkCommand>
{
    public RedeemMagicLinkCommandValidator()
    {
        RuleFor(c => c.Token).NotEmpty().MaximumLength(128);
        RuleFor(c => c.Verifier).NotEmpty().Length(43, 128).Matches("^[A-Za-z0-9._~-]+$")
            .WithMessage("verifier must be 43–128 characters of A–Z a–z 0–9 . _ ~ - (RFC 7636).");
    }
}
