using Mediator;

namespace PasswordManager.Application.Contracts.Auth;

/// <summary>The tenant of a user, or null when the user does not exist (used to keep sharing within a tenant).</summary>
public sealed record GetUserTenantQuery(Guid UserId) : IQuery<Guid?>;
