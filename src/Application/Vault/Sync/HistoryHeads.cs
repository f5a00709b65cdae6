using System.Buffers.Binary;
using PasswordManager.Domain.Vault.History;

namespace PasswordManager.Application.Vault.Sync;

/// <summary>
/// The history heads a client verified, sent with a sync (ADR-0032 §4), in the <see cref="VaultTuples"/> wire form:
/// per vault, seq u64be and record hash 32 bytes.
/// </summary>
public static class HistoryHeads
{
    public static bool TryParse(string? text, out Dictionary<Guid, HistoryHead> heads) =>
        VaultTuples.TryDecode(text, 8 + 32, (ReadOnlySpan<byte> bytes, out HistoryHead head) =>
        {
            head = new HistoryHead(BinaryPrimitives.ReadInt64BigEndian(bytes[..8]), bytes[8..].ToArray());
            return head.Seq >= 0;
        }, out heads);
}
