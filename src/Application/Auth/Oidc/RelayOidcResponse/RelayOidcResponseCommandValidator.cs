using FluentValidation;

namespace PasswordManager.Application.Auth.Oidc.RelayOidcResponse;

internal sealed class RelayOidcResponseCommandValidator : AbstractValidator<RelayOidcResponseCommand>
{
    public RelayOidcResponseCommandValidator()
    {
        RuleFor(c => c.State).NotEmpty().MaximumLength(128);
        RuleFor(c => c.Code).MaximumLength(2048).Matches("^[\\x21-\\x7e]+$").When(c => c.Code is not null).WithMessage("code must be printable ASCII.");
        RuleFor(c => c.Error).MaximumLength(100).Matches("^[\\x20-\\x7e]+$").When(c => c.Error is not null).WithMessage("error must be printable ASCII.");
    }
}
