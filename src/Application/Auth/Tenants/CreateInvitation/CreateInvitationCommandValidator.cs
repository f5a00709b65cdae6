using FluentValidation;

namespace PasswordManager.Application.Auth.Tenants.CreateInvitation;

internal sealed class CreateInvitationCommandValidator : AbstractValidator<CreateInvitationCommand>
{
    public CreateInvitationCommandValidator() => RuleFor(c => c.Role).IsInEnum();
}
