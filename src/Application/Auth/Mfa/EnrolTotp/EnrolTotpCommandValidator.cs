using FluentValidation;
using PasswordManager.Application.Auth.Accounts;

namespace PasswordManager.Application.Auth.Mfa.EnrolTotp;

internal sealed class EnrolTotpCommandValidator : AbstractValidator<EnrolTotpCommand>
{
    public EnrolTotpCommandValidator() => RuleFor(c => c.AuthHash).MustBeAuthHash("authHash");
}
