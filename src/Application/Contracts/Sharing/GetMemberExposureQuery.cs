using Mediator;

namespace PasswordManager.Application.Contracts.Sharing;

/// <summary>What Sharing's access log says each of <see cref="UserIds"/> fetched in one vault, in the order asked.</summary>
public sealed record GetMemberExposureQuery(Guid VaultId, IReadOnlyCollection<Guid> UserIds) : IQuery<IReadOnlyList<MemberExposure>>;

/// <summary>The entries a member fetched the ciphertext of (from the access log), live or deleted since.</summary>
public sealed record MemberExposure(Guid UserId, IReadOnlyList<ExposedEntry> Entries);

/// <summary>One fetched entry: the highest version served and when; <see cref="Deleted"/> when it is no longer live.</summary>
public sealed record ExposedEntry(Guid EntryId, long Version, DateTimeOffset FirstFetchedAt, DateTimeOffset LastFetchedAt, bool Deleted);
