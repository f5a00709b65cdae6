using FluentValidation;
using PasswordManager.Application.Common.Paging;
using PasswordManager.Domain.Auth.Users;

namespace PasswordManager.Application.Auth.Administration.Users.ListUsers;

internal sealed class ListUsersQueryValidator : AbstractValidator<ListUsersQuery>
{
    public ListUsersQueryValidator()
    {
        RuleFor(q => q.Limit).ValidPageLimit();
        RuleFor(q => q.Search).MaximumLength(254);
        RuleFor(q => q.After).MaximumLength(Username.MaxLength);
        RuleFor(q => q.TenantId).NotEqual(Guid.Empty);
    }
}
