using FluentValidation;
using PasswordManager.Application.Auth.Accounts;

namespace PasswordManager.Application.Auth.Sessions.Login;

internal sealed class LoginCommandValidator : AbstractValidator<LoginCommand>
{
    public LoginCommandValidator()
    {
        RuleFor(c => c.Username).NotEmpty().MaximumLength(256);
        RuleFor(c => c.AuthHash).MustBeAuthHash("authHash");
        RuleFor(c => c.Device).NotNull();
        RuleFor(c => c.Device.Id).NotEmpty().When(c => c.Device is not null);
        RuleFor(c => c.Device.Name).NotEmpty().MaximumLength(100).When(c => c.Device is not null);
        RuleFor(c => c.Device.Type).IsInEnum().When(c => c.Device is not null);
    }
}
