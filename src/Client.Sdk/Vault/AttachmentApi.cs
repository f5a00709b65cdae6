using System.Globalization;
using System.Net.Http.Headers;
using PasswordManager.Client.Sdk.Http;
using PasswordManager.Client.Sdk.Vault.Contracts;

namespace PasswordManager.Client.Sdk.Vault;

/// <summary>
/// The attachment endpoints as typed calls, no cryptography: bodies are ciphertext streamed both ways.
/// Encryption, names and verification are in <see cref="AttachmentOperations"/>.
/// </summary>
public sealed class AttachmentApi
{
    public const string MediaType = "application/octet-stream";

    private readonly ApiConnection connection;

    internal AttachmentApi(ApiConnection connection)
    {
        this.connection = connection;
    }

    /// <summary>
    /// Streams <paramref name="body"/> as the request body (chunked when its length is unknown), with
    /// <c>Expect: 100-continue</c> so a refused upload (no access, stale epoch, too large) is answered before the body goes out.
    /// </summary>
    public Task<AttachmentState> UploadAsync(
        Guid vaultId, Guid entryId, Guid attachmentId, long keyEpoch, Stream body, long? length, CancellationToken cancellationToken = default) =>
        UploadAsync(vaultId, entryId, attachmentId, keyEpoch, body, length, history: null, cancellationToken);

    /// <summary>As above; <paramref name="history"/>: the upload's signed history record (base64), sent as <c>X-History-Record</c>.</summary>
    public Task<AttachmentState> UploadAsync(
        Guid vaultId, Guid entryId, Guid attachmentId, long keyEpoch, Stream body, long? length, string? history, CancellationToken cancellationToken = default)
    {
        var content = new StreamContent(body, 64 * 1024);
        content.Headers.ContentType = new MediaTypeHeaderValue(MediaType);
        content.Headers.ContentLength = length;
        var path = $"{AttachmentPath(vaultId, entryId, attachmentId)}?keyEpoch={keyEpoch.ToString(CultureInfo.InvariantCulture)}";
        return connection.SendAuthorizedContentAsync<AttachmentState>(
            HttpMethod.Put, path, content, cancellationToken, request =>
            {
                request.Headers.ExpectContinue = true;
                if (history is not null) request.Headers.Add(VaultApi.HistoryRecordHeader, history);
            });
    }

    public Task<AttachmentList> ListAsync(Guid vaultId, Guid entryId, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<AttachmentList>(HttpMethod.Get, $"{EntryPath(vaultId, entryId)}/attachments", body: null, cancellationToken);

    /// <summary>One page of the vault's live attachments (metadata only), in attachment id order after <paramref name="after"/>.</summary>
    public Task<VaultAttachmentList> ListVaultAttachmentsAsync(Guid vaultId, Guid? after = null, int limit = 1000, CancellationToken cancellationToken = default)
    {
        var query = $"?limit={limit.ToString(CultureInfo.InvariantCulture)}";
        if (after is { } last) query += $"&after={last:D}";
        return connection.SendAuthorizedAsync<VaultAttachmentList>(HttpMethod.Get, $"api/v1/vaults/{vaultId:D}/attachments{query}", body: null, cancellationToken);
    }

    /// <summary>The ciphertext as a stream (dispose the response); <paramref name="firstBytes"/> asks for a prefix only (a Range request).</summary>
    public Task<HttpResponseMessage> DownloadAsync(
        Guid vaultId, Guid entryId, Guid attachmentId, long? firstBytes = null, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedStreamingAsync(
            HttpMethod.Get,
            AttachmentPath(vaultId, entryId, attachmentId),
            cancellationToken,
            request =>
            {
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaType));
                if (firstBytes is { } count) request.Headers.Range = new RangeHeaderValue(0, count - 1);
            });

    /// <summary>404 <c>vault.presigned_urls_unavailable</c> when the server stores blobs on its filesystem.</summary>
    public Task<AttachmentUrl> GetUrlAsync(Guid vaultId, Guid entryId, Guid attachmentId, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<AttachmentUrl>(HttpMethod.Get, $"{AttachmentPath(vaultId, entryId, attachmentId)}/url", body: null, cancellationToken);

    /// <summary>Fetches a presigned URL straight from the blob store (no access token is sent there).</summary>
    public Task<HttpResponseMessage> DownloadFromUrlAsync(Uri url, CancellationToken cancellationToken = default) =>
        connection.GetExternalAsync(url, cancellationToken);

    public Task<AttachmentState> DeleteAsync(Guid vaultId, Guid entryId, Guid attachmentId, CancellationToken cancellationToken = default) =>
        DeleteAsync(vaultId, entryId, attachmentId, history: null, cancellationToken);

    /// <summary><paramref name="history"/>: the delete's signed history record (base64), sent as <c>X-History-Record</c>.</summary>
    public Task<AttachmentState> DeleteAsync(Guid vaultId, Guid entryId, Guid attachmentId, string? history, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<AttachmentState>(
            HttpMethod.Delete, AttachmentPath(vaultId, entryId, attachmentId), body: null, cancellationToken,
            history is null ? null : request => request.Headers.Add(VaultApi.HistoryRecordHeader, history));

    private static string EntryPath(Guid vaultId, Guid entryId) => $"api/v1/vaults/{vaultId:D}/entries/{entryId:D}";

    private static string AttachmentPath(Guid vaultId, Guid entryId, Guid attachmentId) => $"{EntryPath(vaultId, entryId)}/attachments/{attachmentId:D}";
}
