using System.Buffers.Binary;
using System.Buffers.Text;

namespace PasswordManager.Application.Vault.Sync;

/// <summary>
/// The opaque sync cursor: for every vault the client has synced, the last vault revision it holds.
/// Wire form: base64url of version byte 1 followed by (vault id 16 bytes, revision u64be) pairs. A client can
/// only hurt itself by editing it: every vault in it is authorized again on each sync.
/// </summary>
public static class SyncCursor
{
    private const byte Version = 1;
    private const int PairSize = 16 + 8;

    public static bool TryParse(string? text, out Dictionary<Guid, long> revisions)
    {
        revisions = [];
        if (string.IsNullOrEmpty(text)) return true;
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return false;
        }

        if (bytes.Length == 0 || bytes[0] != Version || (bytes.Length - 1) % PairSize != 0) return false;
        for (var offset = 1; offset < bytes.Length; offset += PairSize)
        {
            var vault = new Guid(bytes.AsSpan(offset, 16), bigEndian: true);
            var revision = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(offset + 16, 8));
            if (revision < 0 || !revisions.TryAdd(vault, revision)) return false;
        }

        return true;
    }

    public static string Format(IReadOnlyDictionary<Guid, long> revisions)
    {
        ArgumentNullException.ThrowIfNull(revisions);
        var bytes = new byte[1 + (revisions.Count * PairSize)];
        bytes[0] = Version;
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
