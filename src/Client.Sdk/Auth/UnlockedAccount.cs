using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Sdk.Auth.Contracts;

namespace PasswordManager.Client.Sdk.Auth;

/// <summary>
/// A logged-in, unlocked account. <see cref="Keys"/> hold the USK and private keys in libsodium memory:
/// keep this only as long as the keys are needed and dispose it to lock.
/// </summary>
public sealed class UnlockedAccount : IDisposable
{
    internal UnlockedAccount(AccountKeys keys, UnlockMaterial material, Guid sessionId)
    {
        Keys = keys;
        Username = material.Username;
        TenantId = material.TenantId;
        Role = material.Role;
        SessionId = sessionId;
        Material = material;
    }

    /// <summary>
    /// The encrypted key material this account was unlocked from (KDF parameters, salt, encrypted USK and private
    /// keys: the bytes the server stores). A client may keep it to unlock again later with the master password alone.
    /// </summary>
    public UnlockMaterial Material { get; }

    public AccountKeys Keys { get; }

    public Guid UserId => Keys.UserId;

    public string Username { get; }

    public Guid TenantId { get; }

    public TenantRole Role { get; }

    public Guid SessionId { get; }

    /// <summary>Set when this login spent a recovery code: how many unused ones the account has left.</summary>
    public int? RecoveryCodesRemaining { get; init; }

    /// <summary>This account's verified public key bundle (computed from the unlocked private keys).</summary>
    public PublicKeyBundle PublicBundle => Keys.PublicBundle;

    /// <summary>The safety number of <see cref="PublicBundle"/>, for out-of-band comparison.</summary>
    public string Fingerprint => Keys.PublicBundle.Fingerprint;

    public void Dispose() => Keys.Dispose();
}
