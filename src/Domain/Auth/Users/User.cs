using PasswordManager.Domain.Common;

namespace PasswordManager.Domain.Auth.Users;

/// <summary>
/// An account. Everything key-related is opaque client-produced bytes; <see cref="AuthVerifier"/> is the
/// server's own slow hash of the client's authHash, never the authHash itself.
/// </summary>
public sealed class User
{
    private User() { }

    public UserId Id { get; private set; }
    public TenantId TenantId { get; private set; }
    public string Username { get; private set; } = null!;
    public string NormalizedUsername { get; private set; } = null!;
    public string? Email { get; private set; }

    /// <summary>Set once the owner proved they read <see cref="Email"/>; until then the address receives only the verification mail.</summary>
    public DateTimeOffset? EmailVerifiedAt { get; private set; }

    /// <summary>SHA-256 of the single-use verification code of the unverified <see cref="Email"/>.</summary>
    public byte[]? EmailVerificationHash { get; private set; }

    public DateTimeOffset? EmailVerificationExpiresAt { get; private set; }

    public bool HasVerifiedEmail => Email is not null && EmailVerifiedAt is not null;
    public TenantRole Role { get; private set; }
    public string AuthVerifier { get; private set; } = null!;
    public KdfParameters Kdf { get; private set; } = null!;
    public byte[] KdfSalt { get; private set; } = null!;
    public byte[] EncryptedUserKey { get; private set; } = null!;
    public byte[] EncryptedPrivateKeys { get; private set; } = null!;
    public byte[] PublicKeyBundle { get; private set; } = null!;

    /// <summary>
    /// The key hand-over statements of this account's rotations, oldest first, concatenated (355 bytes for version 1, 419 for
    /// version 2, at most <see cref="MaxKeyHandovers"/>): each is signed by the previous signing key (a version-2 one also by
    /// the next, docs/crypto-format.md §6.1), so a contact who pinned any earlier
    /// bundle follows the chain to the current one. Empty until the first rotation.
    /// </summary>
    public byte[] KeyHandovers { get; private set; } = [];
    public string? PasswordHint { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Set by an administrator: the account cannot log in, refresh or use its API keys until enabled again.</summary>
    public DateTimeOffset? DisabledAt { get; private set; }

    public bool IsDisabled => DisabledAt is not null;

    public static User Register(NewAccount account, TenantId tenant, TenantRole role, string authVerifier, DateTimeOffset now) => new()
    {
        Id = account.Id,
        TenantId = tenant,
        Username = account.Username.Trim(),
        NormalizedUsername = Auth.Users.Username.Normalize(account.Username),
        Email = account.Email?.Trim().ToLowerInvariant(),
        Role = role,
        AuthVerifier = authVerifier,
        Kdf = account.Kdf,
        KdfSalt = account.KdfSalt,
        EncryptedUserKey = account.EncryptedUserKey,
        EncryptedPrivateKeys = account.EncryptedPrivateKeys,
        PublicKeyBundle = account.PublicKeyBundle,
        PasswordHint = string.IsNullOrWhiteSpace(account.PasswordHint) ? null : account.PasswordHint.Trim(),
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>Re-hashes the verifier when the server's hashing parameters change (done on a successful login).</summary>
    public void UpgradeVerifier(string authVerifier, DateTimeOffset now) => (AuthVerifier, UpdatedAt) = (authVerifier, now);

    /// <summary>
    /// A new master password or new KDF parameters: the verifier of the new authHash, the new salt and parameters,
    /// and the same USK wrapped under the new KEK. Private keys and the bundle do not change.
    /// </summary>
    public void ChangeMasterPassword(string authVerifier, KdfParameters kdf, byte[] kdfSalt, byte[] encryptedUserKey, DateTimeOffset now) =>
        (AuthVerifier, Kdf, KdfSalt, EncryptedUserKey, UpdatedAt) = (authVerifier, kdf, kdfSalt, encryptedUserKey, now);

    /// <summary>
    /// New key pairs (<c>pm rotate-keys</c>): the new private keys wrapped under the same USK, the new bundle, and the
    /// hand-over statement from the old bundle to it, appended to the chain (the oldest ones drop off past
    /// <see cref="MaxKeyHandovers"/>).
    /// </summary>
    public void RotateKeys(byte[] encryptedPrivateKeys, byte[] publicKeyBundle, byte[] handover, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(handover);
        var chain = EnvelopeFormat.SplitKeyHandovers(KeyHandovers).Append(handover).TakeLast(MaxKeyHandovers).SelectMany(s => s).ToArray();
        (EncryptedPrivateKeys, PublicKeyBundle, KeyHandovers, UpdatedAt) = (encryptedPrivateKeys, publicKeyBundle, chain, now);
    }

    /// <summary>How many hand-over statements the directory keeps per account.</summary>
    public const int MaxKeyHandovers = 16;

    public void Disable(DateTimeOffset now) => (DisabledAt, UpdatedAt) = (DisabledAt ?? now, now);

    public void Enable(DateTimeOffset now) => (DisabledAt, UpdatedAt) = (null, now);

    public void ChangeRole(TenantRole role, DateTimeOffset now) => (Role, UpdatedAt) = (role, now);

    /// <summary>A new (unverified) address, or none; a verification code is set by <see cref="StartEmailVerification"/>.</summary>
    public void ChangeEmail(string? email, DateTimeOffset now) =>
        (Email, EmailVerifiedAt, EmailVerificationHash, EmailVerificationExpiresAt, UpdatedAt) =
        (string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant(), null, null, null, now);

    public void StartEmailVerification(byte[] codeHash, DateTimeOffset now, TimeSpan lifetime) =>
        (EmailVerificationHash, EmailVerificationExpiresAt, UpdatedAt) = (codeHash, now + lifetime, now);

    /// <summary>Single use: the code is forgotten whether or not it was still valid.</summary>
    public bool VerifyEmail(DateTimeOffset now)
    {
        var valid = Email is not null && EmailVerificationExpiresAt > now;
        (EmailVerificationHash, EmailVerificationExpiresAt, UpdatedAt) = (null, null, now);
        if (valid) EmailVerifiedAt = now;
        return valid;
    }

    /// <summary>Stored as given (trimmed); an empty or blank hint removes it.</summary>
    public void SetPasswordHint(string? hint, DateTimeOffset now) =>
        (PasswordHint, UpdatedAt) = (string.IsNullOrWhiteSpace(hint) ? null : hint.Trim(), now);
}

/// <summary>What a client sends to create an account, already decoded from the wire.</summary>
public sealed record NewAccount(
    UserId Id,
    string Username,
    string? Email,
    KdfParameters Kdf,
    byte[] KdfSalt,
    byte[] EncryptedUserKey,
    byte[] EncryptedPrivateKeys,
    byte[] PublicKeyBundle,
    string? PasswordHint);
