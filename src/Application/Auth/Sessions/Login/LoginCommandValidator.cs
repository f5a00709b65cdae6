using FluentValidation;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Sessions.Login;

internal sealed class LoginCommandValidator : AbstractValidator<LoginCommand>
{
    public LoginCommandValidator()
    {
        RuleFor(c => c.Username).NotEmpty().MaximumLength(256)
            .Must(u => u is null || !u.Any(char.IsControl)).WithMessage("username must not contain control characters.");
        RuleFor(c => c.AuthHash).Must(b => EnvelopeFormat.TryDecodeBase64(b)?.Length == EnvelopeFormat.AuthHashLength)
            .WithMessage($"authHash must be {EnvelopeFormat.AuthHashLength} bytes, base64-encoded.");
        RuleFor(c => c.Device).NotNull();
        RuleFor(c => c.Device.Id).NotEmpty().When(c => c.Device is not null);
        RuleFor(c => c.Device.Name).NotEmpty().MaximumLength(100)
            .Must(n => n is null || !n.Any(char.IsControl)).WithMessage("device name must not contain control characters.")
            .When(c => c.Device is not null);
        RuleFor(c => c.Device.Type).IsInEnum().When(c => c.Device is not null);
    }
}
