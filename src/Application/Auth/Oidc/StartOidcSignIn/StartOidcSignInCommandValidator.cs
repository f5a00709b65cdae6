using System.Buffers.Text;
using FluentValidation;

namespace PasswordManager.Application.Auth.Oidc.StartOidcSignIn;

internal sealed class StartOidcSignInCommandValidator : AbstractValidator<StartOidcSignInCommand>
{
    public StartOidcSignInCommandValidator()
    {
        RuleFor(c => c.Provider).NotEmpty().MaximumLength(300);
        RuleFor(c => c.RedirectUri).NotEmpty().MaximumLength(200).Must(OidcRelay.IsLoopbackRedirect)
            .WithMessage("redirectUri must be http://127.0.0.1:PORT/… or http://[::1]:PORT/… (a loopback address, RFC 8252).");
        RuleFor(c => c.VerifierChallenge)
            .Must(c => c is { Length: 43 } && Base64Url.IsValid(c, out var length) && length == 32)
            .WithMessage("verifierChallenge must be BASE64URL(SHA-256(verifier)): 43 characters without padding.");
        RuleFor(c => c.Device).NotNull();
        RuleFor(c => c.Device.Id).NotEmpty().When(c => c.Device is not null);
        RuleFor(c => c.Device.Name).NotEmpty().MaximumLength(100).When(c => c.Device is not null);
        RuleFor(c => c.Device.Type).IsInEnum().When(c => c.Device is not null);
    }
}
