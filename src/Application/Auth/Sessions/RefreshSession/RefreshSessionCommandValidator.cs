using FluentValidation;

namespace PasswordManager.Application.Auth.Sessions.RefreshSession;

internal sealed class RefreshSessionCommandValidator : AbstractValidator<RefreshSessionCommand>
{
    public RefreshSessionCommandValidator() => RuleFor(c => c.RefreshToken).NotEmpty().MaximumLength(128);
}
