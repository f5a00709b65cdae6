using System.Buffers.Text;
using FluentValidation;

namespace PasswordManager.Application.Auth.Sessions.RequestMagicLink;

internal sealed class RequestMagicLinkCommandValidator : AbstractValidator<RequestMagicLinkCommand>
{
    public RequestMagicLinkCommandValidator()
    {
        RuleFor(c => c.Email).NotEmpty().MaximumLength(254).EmailAddress();
        RuleFor(c => c.VerifierChallenge)
            .Must(c => c is { Length: 43 } && Base64Url.IsValid(c, out var length) && length == 32)
            .WithMessage("verifierChallenge must be BASE64URL(SHA-256(verifier)): 43 characters without padding.");
        RuleFor(c => c.Device).NotNull();
        RuleFor(c => c.Device.Id).NotEmpty().When(c => c.Device is not null);
        RuleFor(c => c.Device.Name).NotEmpty().MaximumLength(100).When(c => c.Device is not null);
        RuleFor(c => c.Device.Type).IsInEnum().When(c => c.Device is not null);
    }
}
