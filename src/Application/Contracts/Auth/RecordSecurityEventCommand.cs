using Mediator;

namespace PasswordManager.Application.Contracts.Auth;

/// <summary>
/// Records a security event for <paramref name="UserId"/> (the actor) through the Auth module's recorder and saves it.
/// <paramref name="Details"/> is metadata only: ids, names, numbers, never a secret.
/// </summary>
public sealed record RecordSecurityEventCommand(Guid UserId, string Type, IReadOnlyDictionary<string, object> Details) : ICommand;

/// <summary>Whether the tenant exists (Billing answers for tenants it has no rows for).</summary>
public sealed record TenantExistsQuery(Guid TenantId) : IQuery<bool>;

/// <summary>Every tenant's id and name, for instance-wide admin views.</summary>
public sealed record ListTenantIdsQuery : IQuery<IReadOnlyList<TenantName>>;

public sealed record TenantName(Guid Id, string Name);
