using PasswordManager.Client.Sdk.Vault.Contracts;

namespace PasswordManager.Client.Sdk.Sharing.Contracts;

/// <summary><c>History</c> (in every write below): the write's signed history record, base64 (docs/crypto-format.md §21).</summary>
public sealed record GrantAccessRequest(
    Guid UserId, VaultPermission Permission, long KeyEpoch, byte[] WrappedKey, byte[] GranterSignature, DateTimeOffset? ExpiresAt, string? History = null);

public sealed record TransferOwnershipRequest(Guid UserId);

public sealed record ChangePermissionRequest(VaultPermission Permission, byte[] GranterSignature, string? History = null);

/// <summary><see cref="NameIndex"/>: the entry name's blind index under the new key (docs/crypto-format.md §20).</summary>
public sealed record RekeyEntry(Guid EntryId, long ReplacesVersion, byte[] Ciphertext, string? NameIndex = null);

public sealed record RekeyMemberKey(Guid UserId, byte[] WrappedKey, byte[] GranterSignature);

public sealed record RekeyRequest(
    long FromKeyEpoch, IReadOnlyList<Guid> Revoke, IReadOnlyList<RekeyEntry> Entries, IReadOnlyList<RekeyMemberKey> Members, byte[]? EncryptedMetadata,
    string? History = null);

/// <summary>An entry a member fetched (from the server's access log): its password should be changed after revoking them.</summary>
public sealed record ExposedEntry(Guid EntryId, long Version, DateTimeOffset FirstFetchedAt, DateTimeOffset LastFetchedAt, bool Deleted);

public sealed record MemberExposure(Guid UserId, IReadOnlyList<ExposedEntry> Entries);

public sealed record InviteRequest(string Invitee, VaultPermission Permission, DateTimeOffset? ExpiresAt);

/// <summary>A vault invitation as an admin sees it: <c>pending</c> (no account yet), <c>ready</c> (<see cref="InviteeUserId"/> set: confirm it), <c>accepted</c>.</summary>
public sealed record VaultInvitation(
    Guid InvitationId, Guid VaultId, string Invitee, VaultPermission Permission, DateTimeOffset? ExpiresAt, string Status, Guid? InviteeUserId,
    Guid InvitedBy, DateTimeOffset CreatedAt);

public sealed record InvitationList(IReadOnlyList<VaultInvitation> Items);

/// <summary>An invitation addressed to the caller.</summary>
public sealed record MyInvitation(Guid InvitationId, Guid VaultId, VaultPermission Permission, DateTimeOffset? ExpiresAt, string Status, Guid InvitedBy, DateTimeOffset CreatedAt);

public sealed record MyInvitationList(IReadOnlyList<MyInvitation> Items);

public sealed record ConfirmInvitationRequest(long KeyEpoch, byte[] WrappedKey, byte[] GranterSignature, string? History = null);

public sealed record OpenRekeySessionRequest(long FromKeyEpoch, IReadOnlyList<Guid> Revoke);

public sealed record StagedEntryRef(Guid EntryId, long ReplacesVersion);

/// <summary>A staged re-key session: what is uploaded so far (resume from here).</summary>
public sealed record RekeySessionState(
    Guid SessionId, Guid VaultId, long FromKeyEpoch, IReadOnlyList<Guid> Revoke, DateTimeOffset ExpiresAt, int UploadedEntries,
    IReadOnlyList<StagedEntryRef>? Uploaded = null, IReadOnlyList<Guid>? UploadedAttachments = null);

public sealed record UploadRekeyEntriesRequest(IReadOnlyList<RekeyEntry> Entries);

public sealed record UploadRekeyEntriesResult(int UploadedEntries);

public sealed record UploadRekeyAttachmentResult(Guid AttachmentId, long Size, int UploadedAttachments);

public sealed record CommitRekeySessionRequest(IReadOnlyList<RekeyMemberKey> Members, byte[]? EncryptedMetadata, string? History = null);

public sealed record RekeyOutcome(
    Guid VaultId, long KeyEpoch, int Entries, int Members, IReadOnlyList<Guid> Revoked, IReadOnlyList<MemberExposure>? Exposure = null);
