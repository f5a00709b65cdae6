using System.Globalization;
using PasswordManager.Client.Sdk.Http;

namespace PasswordManager.Client.Sdk.Vault.History;

/// <summary>A stored history record: its bytes (base64 on the wire) with the seq and hash the server filed it under (both re-derived, never trusted).</summary>
public sealed record HistoryRecordItem(long Seq, byte[] Record, byte[]? Hash = null, long? Revision = null);

/// <summary>A vault's head as the server reports it; seq 0 (32 zero bytes) for a vault without records.</summary>
public sealed record HistoryHeadItem(long Seq, byte[] Hash)
{
    /// <summary>Null for the head of a vault without records.</summary>
    public HistoryHeadItem? OrNull() => Seq > 0 ? this : null;
}

/// <summary>One page of a vault's records; <see cref="Head"/> is the vault's current head; <see cref="Next"/> the <c>after</c> of the next page.</summary>
public sealed record HistoryPage(IReadOnlyList<HistoryRecordItem> Items, HistoryHeadItem? Head, long? Next = null);

/// <summary>The records a sync page carries for one vault (those of the revisions it serves) and the vault's head.</summary>
public sealed record SyncedHistory(Guid VaultId, IReadOnlyList<HistoryRecordItem>? Records, HistoryHeadItem? Head);

/// <summary>A checkpoint written on its own (POST …/history): the record, base64.</summary>
public sealed record AppendCheckpointRequest(string Record);

/// <summary>The vault-history endpoints as typed calls (docs/crypto-format.md §21); verification is in <see cref="VaultHistoryBook"/>.</summary>
public sealed class VaultHistoryApi
{
    public const int PageLimit = 1000;

    private readonly ApiConnection connection;

    internal VaultHistoryApi(ApiConnection connection)
    {
        this.connection = connection;
    }

    /// <summary>The records after <paramref name="after"/>; null: from the latest checkpoint (where a fresh device starts).</summary>
    public Task<HistoryPage> ListAsync(Guid vaultId, long? after, int limit = PageLimit, CancellationToken cancellationToken = default)
    {
        var query = $"limit={limit.ToString(CultureInfo.InvariantCulture)}";
        if (after is { } seq) query += $"&after={seq.ToString(CultureInfo.InvariantCulture)}";
        return connection.SendAuthorizedAsync<HistoryPage>(HttpMethod.Get, $"api/v1/vaults/{vaultId:D}/history?{query}", body: null, cancellationToken);
    }

    public Task<HistoryRecordItem> AppendCheckpointAsync(Guid vaultId, byte[] record, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<HistoryRecordItem>(
            HttpMethod.Post, $"api/v1/vaults/{vaultId:D}/history", new AppendCheckpointRequest(Convert.ToBase64String(record)), cancellationToken);
}
