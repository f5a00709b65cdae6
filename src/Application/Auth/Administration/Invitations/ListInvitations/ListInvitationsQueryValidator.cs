using FluentValidation;

namespace PasswordManager.Application.Auth.Administration.Invitations.ListInvitations;

internal sealed class ListInvitationsQueryValidator : AbstractValidator<ListInvitationsQuery>
{
    public ListInvitationsQueryValidator() => RuleFor(q => q.TenantId).NotEqual(Guid.Empty);
}
