using PasswordManager.Client.Crypto;
using PasswordManager.Client.Crypto.Attachments;
using PasswordManager.Client.Crypto.History;
using PasswordManager.Client.Sdk.Vault.Contracts;

namespace PasswordManager.Client.Sdk.Vault;

/// <summary>
/// Attachments of entries for an unlocked account (docs/crypto-format.md §18): files are encrypted while they upload and
/// decrypted and verified while they download, never held whole in memory; names and media types travel encrypted in the
/// file's header. Vault keys come from the key ring of <see cref="VaultOperations"/> (verified access records only). Not thread-safe.
/// </summary>
public sealed class AttachmentOperations
{
    private readonly AttachmentApi api;
    private readonly VaultOperations vaults;
    private bool presignedUrlsUnavailable;

    public AttachmentOperations(AttachmentApi api, VaultOperations vaults)
    {
        this.api = api ?? throw new ArgumentNullException(nameof(api));
        this.vaults = vaults ?? throw new ArgumentNullException(nameof(vaults));
    }

    /// <summary>
    /// Encrypts <paramref name="content"/> (read once, front to back; not disposed) under a fresh file key for the vault's
    /// current key epoch and streams it to the server as a new attachment of the entry.
    /// </summary>
    public async Task<DecryptedAttachment> UploadAsync(
        Guid vaultId, Guid entryId, Stream content, AttachmentMetadata metadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(metadata);
        var key = await vaults.KeyRing.KeyForAsync(vaultId, epoch: null, cancellationToken);
        var attachmentId = Guid.NewGuid();
        await using var encrypting = AttachmentCipher.Encrypt(key, entryId, attachmentId, metadata, content, leaveOpen: true);
        var headerLength = encrypting.HeaderLength;
        vaults.History.RefuseIfRejected(vaultId);
        if (vaults.History.State(vaultId) is null)
        {
            // No signed history to name the bytes in: streamed straight through, never held.
            var unsigned = await api.UploadAsync(vaultId, entryId, attachmentId, key.Epoch, encrypting, encrypting.CiphertextLength, cancellationToken);
            return Describe(unsigned, metadata, headerLength);
        }

        // The record names the SHA-256 of the stored bytes and goes first (a header): the ciphertext is spooled to a temporary file to hash it.
        await using var spool = await CiphertextSpool.WriteAsync(encrypting, cancellationToken);
        var state = await vaults.History.WriteAsync(
            vaultId,
            _ => (key.Epoch, [new AttachmentChange(entryId, attachmentId, Deleted: false, spool.ContentHash)]),
            signed =>
            {
                spool.File.Position = 0;
                return api.UploadAsync(vaultId, entryId, attachmentId, key.Epoch, spool.File, spool.Length, signed, cancellationToken);
            },
            cancellationToken);
        return Describe(state, metadata, headerLength);
    }

    /// <summary>
    /// The entry's live attachments, oldest first, each with its name decrypted from the header (fetched with a Range
    /// request, not the whole file). One that does not verify is listed with <see cref="DecryptedAttachment.Problem"/> set.
    /// </summary>
    public async Task<IReadOnlyList<DecryptedAttachment>> ListAsync(Guid vaultId, Guid entryId, CancellationToken cancellationToken = default)
    {
        var list = await api.ListAsync(vaultId, entryId, cancellationToken);
        var result = new List<DecryptedAttachment>(list.Items.Count);
        foreach (var state in list.Items.Where(a => !a.Deleted))
        {
            try
            {
                var key = await vaults.KeyRing.KeyForAsync(vaultId, state.KeyEpoch, cancellationToken);
                using var response = await api.DownloadAsync(
                    vaultId, entryId, state.AttachmentId, Math.Min(state.Size, AttachmentFormat.MaxHeaderSize), cancellationToken);
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                await using var opened = await AttachmentCipher.OpenAsync(key, entryId, state.AttachmentId, body, cancellationToken: cancellationToken);
                result.Add(Describe(state, opened.Metadata, opened.HeaderLength));
            }
            catch (Exception exception) when (exception is CryptoException or VaultLockedException)
            {
                result.Add(new DecryptedAttachment(state, null, null, null, exception.Message));
            }
        }

        return result;
    }

    /// <summary>
    /// Downloads an attachment (through a presigned URL when the server's blob store offers them, else through the API),
    /// decrypting into <paramref name="destination"/> as it arrives. Bytes written before a failure are unverified: write
    /// to a temporary place and keep it only when this returns.
    /// </summary>
    /// <exception cref="DecryptionFailedException">The file was tampered with, cut, or belongs elsewhere.</exception>
    /// <exception cref="AttachmentNotFoundException">The entry has no live attachment <paramref name="attachmentId"/>.</exception>
    public async Task<DecryptedAttachment> DownloadAsync(
        Guid vaultId, Guid entryId, Guid attachmentId, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var list = await api.ListAsync(vaultId, entryId, cancellationToken);
        var state = list.Items.FirstOrDefault(a => a.AttachmentId == attachmentId && !a.Deleted)
            ?? throw new AttachmentNotFoundException(entryId, attachmentId);
        var key = await vaults.KeyRing.KeyForAsync(vaultId, state.KeyEpoch, cancellationToken);

        var (response, viaUrl) = await OpenCiphertextAsync(vaultId, entryId, attachmentId, cancellationToken);
        using (response)
        {
            await using var served = await response.Content.ReadAsStreamAsync(cancellationToken);
            Stream body = served;
            await using var spool = vaults.History.State(vaultId) is null ? null : await CiphertextSpool.WriteAsync(served, cancellationToken);
            if (spool is not null)
            {
                // Checked against the signed history before a byte is decrypted.
                vaults.History.CheckAttachment(vaultId, entryId, attachmentId, spool.ContentHash);
                body = spool.File;
            }

            await using var opened = await AttachmentCipher.OpenAsync(key, entryId, attachmentId, body, cancellationToken: cancellationToken);
            await opened.CopyToAsync(destination, cancellationToken);
            return Describe(state, opened.Metadata, opened.HeaderLength) with { ViaPresignedUrl = viaUrl };
        }
    }

    public Task<AttachmentState> DeleteAsync(Guid vaultId, Guid entryId, Guid attachmentId, CancellationToken cancellationToken = default) =>
        vaults.History.WriteAsync(
            vaultId,
            state => (state!.KeyEpoch, [AttachmentChange.Deletion(entryId, attachmentId)]),
            signed => api.DeleteAsync(vaultId, entryId, attachmentId, signed, cancellationToken),
            cancellationToken);

    /// <summary>
    /// Every live attachment of the vault with the SHA-256 of its stored body (each downloaded once), as a checkpoint names
    /// them (<see cref="VaultOperations.CheckpointAsync"/>).
    /// </summary>
    public async Task<IReadOnlyList<AttachmentChange>> HashAllAsync(Guid vaultId, IReadOnlySet<Guid> liveEntries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(liveEntries);
        var result = new List<AttachmentChange>();
        Guid? after = null;
        do
        {
            var page = await api.ListVaultAttachmentsAsync(vaultId, after, cancellationToken: cancellationToken);
            foreach (var attachment in page.Items.Where(a => !a.Deleted && a.VaultId == vaultId && liveEntries.Contains(a.EntryId)))
            {
                using var response = await api.DownloadAsync(vaultId, attachment.EntryId, attachment.AttachmentId, cancellationToken: cancellationToken);
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                result.Add(new AttachmentChange(attachment.EntryId, attachment.AttachmentId, Deleted: false, await HistoryHashes.ContentAsync(body, cancellationToken)));
            }

            after = page.Next;
        }
        while (after is not null);

        return result;
    }

    private async Task<(HttpResponseMessage Response, bool ViaUrl)> OpenCiphertextAsync(
        Guid vaultId, Guid entryId, Guid attachmentId, CancellationToken cancellationToken)
    {
        if (!presignedUrlsUnavailable)
        {
            try
            {
                var url = await api.GetUrlAsync(vaultId, entryId, attachmentId, cancellationToken);
                return (await api.DownloadFromUrlAsync(url.Url, cancellationToken), true);
            }
            catch (PmApiException problem) when (problem.Code == ProblemCodes.PresignedUrlsUnavailable)
            {
                presignedUrlsUnavailable = true;
            }
        }

        return (await api.DownloadAsync(vaultId, entryId, attachmentId, cancellationToken: cancellationToken), false);
    }

    private static DecryptedAttachment Describe(AttachmentState state, AttachmentMetadata metadata, int headerLength) =>
        new(state, metadata.FileName, metadata.MediaType, AttachmentFormat.GetPlaintextLength(state.Size, headerLength), null);
}

/// <summary>
/// An attachment with what its encrypted header says: <see cref="FileName"/> and <see cref="MediaType"/> (null when
/// <see cref="Problem"/> says why it could not be read), and <see cref="Size"/>, the plaintext length.
/// </summary>
public sealed record DecryptedAttachment(AttachmentState State, string? FileName, string? MediaType, long? Size, string? Problem)
{
    public Guid AttachmentId => State.AttachmentId;

    /// <summary>The ciphertext came straight from the blob store through a presigned URL.</summary>
    public bool ViaPresignedUrl { get; init; }
}
