using Mediator;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Auth.Users;

namespace PasswordManager.Application.Auth.Sessions.GetCurrentSession;

/// <summary>What the presented access token says, answered without a database read.</summary>
public sealed record GetCurrentSessionQuery : IQuery<CurrentSession>;

public sealed record CurrentSession(Guid UserId, Guid SessionId, Guid TenantId, TenantRole Role, DateTimeOffset AccessTokenExpiresAt);

public sealed class GetCurrentSessionQueryHandler(ICurrentUser user) : IQueryHandler<GetCurrentSessionQuery, CurrentSession>
{
    public ValueTask<CurrentSession> Handle(GetCurrentSessionQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new CurrentSession(user.Id.Value, user.SessionId, user.TenantId.Value, user.Role, user.AccessTokenExpiresAt));
}
