using FluentValidation;
using PasswordManager.Application.Auth.Accounts;

namespace PasswordManager.Application.Auth.Oidc.LinkOidcIdentity;

internal sealed class LinkOidcIdentityCommandValidator : AbstractValidator<LinkOidcIdentityCommand>
{
    public LinkOidcIdentityCommandValidator()
    {
        RuleFor(c => c.IdentityTicket).NotEmpty().MaximumLength(128);
        RuleFor(c => c.AuthHash).MustBeAuthHash("authHash");
        RuleFor(c => c.Code).MaximumLength(16);
        RuleFor(c => c.RecoveryCode).MaximumLength(64);
    }
}
