using System.Globalization;

namespace PasswordManager.EndToEndTests.Infrastructure;

/// <summary>A malicious server's hand on a vault's stored history: its head, and records slipped in as the next ones.</summary>
internal static class ServerHistory
{
    public static async Task<(long Seq, byte[] Hash)> HeadAsync(Guid vaultId)
    {
        var head = await Sql($"SELECT seq || '|' || encode(hash, 'hex') FROM vault.history_records WHERE vault_id = '{vaultId}' ORDER BY seq DESC LIMIT 1");
        return (long.Parse(head.Split('|')[0], CultureInfo.InvariantCulture), Convert.FromHexString(head.Split('|')[1]));
    }

    /// <summary>Stores a record as the vault's next one, at a new vault revision so that syncs serve it.</summary>
    public static Task<string> InsertRecordAsync(Guid vaultId, long seq, byte[] hash, byte[] record) =>
        Sql($"""
            WITH bump AS (UPDATE vault.vaults SET revision = revision + 1 WHERE id = '{vaultId}' RETURNING revision)
            INSERT INTO vault.history_records (vault_id, seq, hash, revision, checkpoint, record, created_at)
            SELECT '{vaultId}', {seq}, decode('{Convert.ToHexString(hash)}', 'hex'), revision, false, decode('{Convert.ToHexString(record)}', 'hex'), now() FROM bump
            """);

    private static Task<string> Sql(string sql) => PostgresSql.ExecuteAsync(E2eEnvironment.Database, sql);
}
