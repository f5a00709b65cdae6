namespace PasswordManager.Client.Sdk.Vault.Contracts;

/// <summary>An attachment's metadata as the server holds it; <see cref="Size"/> is the ciphertext length.</summary>
public sealed record AttachmentState(
    Guid AttachmentId, Guid EntryId, Guid VaultId, long KeyEpoch, long Size, bool Deleted,
    DateTimeOffset CreatedAt, Guid CreatedBy, DateTimeOffset UpdatedAt, long Revision);

public sealed record AttachmentList(IReadOnlyList<AttachmentState> Items);

/// <summary>A page of a vault's live attachments; <see cref="Next"/> is the cursor of the next page, null on the last.</summary>
public sealed record VaultAttachmentList(IReadOnlyList<AttachmentState> Items, Guid? Next);

/// <summary>A presigned download URL of the S3 blob store, usable by anyone who holds it until <see cref="ExpiresAt"/>.</summary>
public sealed record AttachmentUrl(Uri Url, DateTimeOffset ExpiresAt);
