using System.Buffers.Binary;
using System.Buffers.Text;
using PasswordManager.Domain.Vault.History;

namespace PasswordManager.Application.Vault.Sync;

/// <summary>
/// The history heads a client verified, sent with a sync (ADR-0032 §4). Wire form like <see cref="SyncCursor"/>:
/// base64url of version byte 1 followed by (vault id 16 bytes, seq u64be, record hash 32 bytes) tuples.
/// </summary>
public static class HistoryHeads
{
    private const byte Version = 1;
    private const int TupleSize = 16 + 8 + 32;

    public static bool TryParse(string? text, out Dictionary<Guid, HistoryHead> heads)
    {
        heads = [];
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

        if (bytes.Length == 0 || bytes[0] != Version || (bytes.Length - 1) % TupleSize != 0) return false;
        for (var offset = 1; offset < bytes.Length; offset += TupleSize)
        {
            var vault = new Guid(bytes.AsSpan(offset, 16), bigEndian: true);
            var seq = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(offset + 16, 8));
            if (seq < 0 || !heads.TryAdd(vault, new HistoryHead(seq, bytes.AsSpan(offset + 24, 32).ToArray()))) return false;
        }

        return true;
    }

    public static string Format(IReadOnlyDictionary<Guid, HistoryHead> heads)
    {
        ArgumentNullException.ThrowIfNull(heads);
        var bytes = new byte[1 + (heads.Count * TupleSize)];
        bytes[0] = Version;
        var offset = 1;
        foreach (var (vault, head) in heads.OrderBy(p => p.Key))
        {
            vault.TryWriteBytes(bytes.AsSpan(offset, 16), bigEndian: true, out _);
            BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(offset + 16, 8), head.Seq);
            head.Hash.CopyTo(bytes.AsSpan(offset + 24, 32));
            offset += TupleSize;
        }

        return Base64Url.EncodeToString(bytes);
    }
}
