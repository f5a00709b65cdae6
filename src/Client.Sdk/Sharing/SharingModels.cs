using PasswordManager.Client.Sdk.Keys;
using PasswordManager.Client.Sdk.Sharing.Contracts;
using PasswordManager.Client.Sdk.Vault.Contracts;

namespace PasswordManager.Client.Sdk.Sharing;

/// <summary>
/// A member as the client verified it: <c>RecordProblem</c> is null when the record's signature, epoch and granter
/// checked out (otherwise it says why not); <c>Key</c> says how the member's directory bundle compares with the pin.
/// </summary>
public sealed record VerifiedMember(
    Guid UserId,
    string? Username,
    VaultPermission Permission,
    long KeyEpoch,
    Guid GranterId,
    string? GranterName,
    DateTimeOffset? ExpiresAt,
    bool Expired,
    string? RecordProblem,
    PinState Key,
    string? Fingerprint)
{
    public bool RecordVerified => RecordProblem is null;
}

public sealed record VaultMembers(Guid VaultId, long KeyEpoch, IReadOnlyList<VerifiedMember> Members);

public enum RekeyStage
{
    Checking = 0,
    Fetching = 1,
    Encrypting = 2,
    Uploading = 3,
    Committed = 4,
}

/// <summary>Progress of a re-key: <paramref name="Done"/> of <paramref name="Total"/> entries in <paramref name="Stage"/>.</summary>
public sealed record RekeyProgress(RekeyStage Stage, int Done, int Total);

/// <summary>What a revoke would do (nothing is changed): what would be re-keyed, and what the revoked members fetched (<c>Exposure</c> is null when the server keeps no access log).</summary>
public sealed record RevokePreview(Guid VaultId, long KeyEpoch, int Entries, int RemainingMembers, IReadOnlyList<Guid> Revoked, IReadOnlyList<MemberExposure>? Exposure);

public sealed record RevokeResult(Guid VaultId, long KeyEpoch, int Entries, int Members, IReadOnlyList<Guid> Revoked, IReadOnlyList<MemberExposure>? Exposure, int Attempts);
