using Mediator;

namespace PasswordManager.Application.Contracts.Auth;

/// <summary>
/// Registered users of one tenant by username or email (case-insensitive, trimmed), used to tell when an invited
/// person has registered. Keys are the identifiers as normalized (trimmed, lower case); unknown ones are absent.
/// A registered user always has a public key bundle.
/// </summary>
public sealed record FindUsersByIdentifierQuery(Guid TenantId, IReadOnlyCollection<string> Identifiers) : IQuery<IReadOnlyDictionary<string, Guid>>;

/// <summary>The identifiers a user can be invited by (username and, if given, email), normalized; null for an unknown user.</summary>
public sealed record GetUserIdentifiersQuery(Guid UserId) : IQuery<UserIdentifiers?>;

public sealed record UserIdentifiers(Guid UserId, Guid TenantId, string Username, string? Email);
