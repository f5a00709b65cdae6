using System.Buffers.Binary;
using System.Buffers.Text;

namespace PasswordManager.Application.Vault.Sync;

/// <summary>
/// The opaque sync cursor: for every vault the client has synced, the last vault revision it holds.
/// Wire form: <see cref="VaultTuples"/> with a revision u64be per vault. A client can
/// only hurt itself by editing it: every vault in it is authorized again on each sync.
/// </summary>
public static class SyncCursor
{
    private const int PairSize = 16 + 8;

    public static bool TryParse(string? text, out Dictionary<Guid, long> revisions) =>
        VaultTuples.TryDecode(text, 8, (ReadOnlySpan<byte> bytes, out long revision) =>
        {
            revision = BinaryPrimitives.ReadInt64BigEndian(bytes);
            return revision >= 0;
        }, out revisions);

    public static string Format(IReadOnlyDictionary<Guid, long> revisions)
    {
        ArgumentNullException.ThrowIfNull(revisions);
        var bytes = new byte[1 + (revisions.Count * PairSize)];
        bytes[0] = VaultTuples.Version;
        var offset = 1;
        foreach (var (vault, revision) in revisions.OrderBy(p => p.Key))
        {
            vault.TryWriteBytes(bytes.AsSpan(offset, 16), bigEndian: true, out _);
            BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(offset + 16, 8), revision);
            offset += PairSize;
        }

        return Base64Url.EncodeToString(bytes);
    }
}
