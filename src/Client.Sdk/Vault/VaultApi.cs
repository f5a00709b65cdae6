using System.Globalization;
using System.Net.Http.Headers;
using PasswordManager.Client.Sdk.Http;
using PasswordManager.Client.Sdk.Vault.Contracts;

namespace PasswordManager.Client.Sdk.Vault;

/// <summary>
/// The Vault endpoints as typed calls, one method per route, no cryptography: the server sees ciphertexts only.
/// Crypto-aware flows (create with a wrapped key, encrypt and decrypt entries, verified sync) are in <see cref="VaultOperations"/>.
/// </summary>
public sealed class VaultApi
{
    public const string ArchiveMediaType = "application/x-ndjson";
    private const string vaultsPath = "api/v1/vaults";

    private readonly ApiConnection connection;

    internal VaultApi(ApiConnection connection)
    {
        this.connection = connection;
        History = new History.VaultHistoryApi(connection);
    }

    public History.VaultHistoryApi History { get; }

    public Task<VaultSummary> CreateVaultAsync(CreateVaultRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<VaultSummary>(HttpMethod.Post, vaultsPath, request, cancellationToken);

    public Task<VaultList> ListVaultsAsync(CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<VaultList>(HttpMethod.Get, vaultsPath, body: null, cancellationToken);

    public Task<VaultSummary> GetVaultAsync(Guid vaultId, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<VaultSummary>(HttpMethod.Get, $"{vaultsPath}/{vaultId:D}", body: null, cancellationToken);

    /// <summary>The vault's access records (its key ring), which every record check reads; each is unverified until its signature is.</summary>
    public Task<MemberList> ListMembersAsync(Guid vaultId, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<MemberList>(HttpMethod.Get, $"{vaultsPath}/{vaultId:D}/members", body: null, cancellationToken);

    public Task<EntryWriteOutcome> UpsertEntryAsync(Guid vaultId, Guid entryId, UpsertEntryRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<EntryWriteOutcome>(HttpMethod.Put, EntryPath(vaultId, entryId), request, cancellationToken);

    public Task<EntryWriteOutcome> DeleteEntryAsync(Guid vaultId, Guid entryId, long version, CancellationToken cancellationToken = default) =>
        DeleteEntryAsync(vaultId, entryId, version, history: null, cancellationToken);

    /// <summary><paramref name="history"/>: the delete's signed history record (base64), sent as <c>X-History-Record</c>.</summary>
    public Task<EntryWriteOutcome> DeleteEntryAsync(Guid vaultId, Guid entryId, long version, string? history, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<EntryWriteOutcome>(
            HttpMethod.Delete, $"{EntryPath(vaultId, entryId)}?version={version.ToString(CultureInfo.InvariantCulture)}", body: null, cancellationToken,
            history is null ? null : request => request.Headers.Add(HistoryRecordHeader, history));

    public Task<EntryDetails> GetEntryAsync(Guid vaultId, Guid entryId, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<EntryDetails>(HttpMethod.Get, EntryPath(vaultId, entryId), body: null, cancellationToken);

    public Task<ListEntriesResult> ListEntriesAsync(
        Guid vaultId, Guid? after = null, int limit = 100, bool includeDeleted = false, CancellationToken cancellationToken = default)
    {
        var query = $"?limit={limit.ToString(CultureInfo.InvariantCulture)}&includeDeleted={(includeDeleted ? "true" : "false")}";
        if (after is { } last) query += $"&after={last:D}";
        return connection.SendAuthorizedAsync<ListEntriesResult>(HttpMethod.Get, $"{vaultsPath}/{vaultId:D}/entries{query}", body: null, cancellationToken);
    }

    /// <summary>The live entries carrying <paramref name="nameIndex"/> (docs/crypto-format.md §20), each with its ciphertext.</summary>
    public Task<ListedEntriesResult> ListEntriesByNameIndexAsync(
        Guid vaultId, string nameIndex, Guid? after = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(nameIndex);
        var query = $"?nameIndex={Uri.EscapeDataString(nameIndex)}&limit={limit.ToString(CultureInfo.InvariantCulture)}";
        if (after is { } last) query += $"&after={last:D}";
        return connection.SendAuthorizedAsync<ListedEntriesResult>(HttpMethod.Get, $"{vaultsPath}/{vaultId:D}/entries{query}", body: null, cancellationToken);
    }

    /// <summary>All-or-nothing: a stale write anywhere answers 409 <c>vault.stale_version</c> listing every conflict.</summary>
    public Task<WriteEntriesResult> WriteEntriesAsync(Guid vaultId, WriteEntriesRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<WriteEntriesResult>(HttpMethod.Post, $"{vaultsPath}/{vaultId:D}/entries/batch", request, cancellationToken);

    /// <summary>Up to 256 entries per call (those a sync page did not carry inline).</summary>
    public Task<FetchEntriesResult> FetchEntriesAsync(Guid vaultId, FetchEntriesRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<FetchEntriesResult>(HttpMethod.Post, $"{vaultsPath}/{vaultId:D}/entries/fetch", request, cancellationToken);

    public Task<ListEntryVersionsResult> ListEntryVersionsAsync(Guid vaultId, Guid entryId, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<ListEntryVersionsResult>(HttpMethod.Get, $"{EntryPath(vaultId, entryId)}/versions", body: null, cancellationToken);

    public Task<EntryVersionDetails> GetEntryVersionAsync(Guid vaultId, Guid entryId, long version, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<EntryVersionDetails>(
            HttpMethod.Get, $"{EntryPath(vaultId, entryId)}/versions/{version.ToString(CultureInfo.InvariantCulture)}", body: null, cancellationToken);

    /// <summary>Changes since <paramref name="cursor"/> (null: full sync); repeat with the returned cursor while <c>hasMore</c>.</summary>
    public Task<SyncChangesResult> SyncAsync(string? cursor, int? limit = null, CancellationToken cancellationToken = default) =>
        SyncAsync(cursor, limit, heads: null, cancellationToken);

    /// <summary>
    /// Changes since <paramref name="cursor"/> (null: full sync); repeat with the returned cursor while <c>hasMore</c>.
    /// <paramref name="heads"/>: the history heads this device holds (<see cref="History.VaultHistoryBook.FormatHeads"/>), which an
    /// honest server refuses with <c>409 vault.history_fork</c> when its chain does not contain them.
    /// </summary>
    public Task<SyncChangesResult> SyncAsync(string? cursor, int? limit, string? heads, CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        if (!string.IsNullOrEmpty(cursor)) query.Add($"cursor={Uri.EscapeDataString(cursor)}");
        if (limit is { } max) query.Add($"limit={max.ToString(CultureInfo.InvariantCulture)}");
        if (!string.IsNullOrEmpty(heads)) query.Add($"heads={Uri.EscapeDataString(heads)}");
        var path = query.Count == 0 ? "api/v1/sync" : $"api/v1/sync?{string.Join('&', query)}";
        return connection.SendAuthorizedAsync<SyncChangesResult>(HttpMethod.Get, path, body: null, cancellationToken);
    }

    /// <summary>The export archive (NDJSON) as a stream; dispose the response when done.</summary>
    public Task<HttpResponseMessage> ExportAsync(CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedStreamingAsync(HttpMethod.Get, "api/v1/export", cancellationToken);

    /// <summary>Uploads an export archive of the caller's own account, streamed from <paramref name="archive"/>.</summary>
    public Task<ImportArchiveResult> ImportAsync(Stream archive, CancellationToken cancellationToken = default)
    {
        var content = new StreamContent(archive, 64 * 1024);
        content.Headers.ContentType = new MediaTypeHeaderValue(ArchiveMediaType);
        return connection.SendAuthorizedContentAsync<ImportArchiveResult>(HttpMethod.Post, "api/v1/import", content, cancellationToken);
    }

    /// <summary>The header that carries a write's history record where the body cannot (a DELETE, an attachment upload).</summary>
    public const string HistoryRecordHeader = "X-History-Record";

    private static string EntryPath(Guid vaultId, Guid entryId) => $"{vaultsPath}/{vaultId:D}/entries/{entryId:D}";
}
