using FluentValidation;

namespace PasswordManager.Application.Auth.Accounts.Prelogin;

internal sealed class PreloginQueryValidator : AbstractValidator<PreloginQuery>
{
    public PreloginQueryValidator() => RuleFor(q => q.Username).NotEmpty().MaximumLength(256);
}
