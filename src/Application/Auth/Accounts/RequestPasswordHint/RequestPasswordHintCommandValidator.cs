using FluentValidation;

namespace PasswordManager.Application.Auth.Accounts.RequestPasswordHint;

internal sealed class RequestPasswordHintCommandValidator : AbstractValidator<RequestPasswordHintCommand>
{
    public RequestPasswordHintCommandValidator() => RuleFor(c => c.EmailOrUsername).NotEmpty().MaximumLength(254);
}
