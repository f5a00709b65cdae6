using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Sdk.Auth.Contracts;

namespace PasswordManager.Client.Sdk.Auth;

/// <summary>
/// A prepared key rotation (docs/crypto-format.md §6.1): <see cref="NewKeys"/> (same USK, fresh key pairs), the new
/// private keys wrapped under the USK, the hand-over statement signed by the old signing key, and every access record to
/// replace (own records re-sealed and self-signed, records signed for others re-signed). Dispose it once sent.
/// </summary>
public sealed class KeyRotation : IDisposable
{
    internal KeyRotation(AccountKeys newKeys, byte[] encryptedPrivateKeys, byte[] handover, IReadOnlyList<RotatedAccessRecord> accessRecords)
    {
        NewKeys = newKeys;
        EncryptedPrivateKeys = encryptedPrivateKeys;
        Handover = handover;
        AccessRecords = accessRecords;
    }

    public AccountKeys NewKeys { get; }

    public byte[] EncryptedPrivateKeys { get; }

    public byte[] Handover { get; }

    public IReadOnlyList<RotatedAccessRecord> AccessRecords { get; }

    public void Dispose() => NewKeys.Dispose();
}
