using PasswordManager.Domain.Auth.Sessions;
using PasswordManager.Domain.Common;

namespace PasswordManager.Domain.Auth.Email;

/// <summary>
/// A mailed sign-in link. Only hashes are kept: of the mailed token, and the S256 challenge of a verifier that only the
/// requesting device holds (PKCE-style), so a link opened on another device cannot complete the sign-in.
/// </summary>
public sealed class MagicLink
{
    private MagicLink() { }

    public Guid Id { get; private set; }
    public byte[] TokenHash { get; private set; } = null!;
    public UserId UserId { get; private set; }

    /// <summary>SHA-256 of the device-held verifier (base64url-decoded from the request's challenge).</summary>
    public byte[] VerifierChallenge { get; private set; } = null!;
    public Guid DeviceId { get; private set; }
    public string DeviceName { get; private set; } = null!;
    public DeviceType DeviceType { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }

    public static MagicLink Issue(
        UserId user, byte[] tokenHash, byte[] verifierChallenge, Guid deviceId, string deviceName, DeviceType deviceType,
        DateTimeOffset now, TimeSpan lifetime) => new()
    {
        Id = Guid.CreateVersion7(now),
        TokenHash = tokenHash,
        UserId = user,
        VerifierChallenge = verifierChallenge,
        DeviceId = deviceId,
        DeviceName = deviceName,
        DeviceType = deviceType,
        CreatedAt = now,
        ExpiresAt = now + lifetime,
    };

    public bool IsUsable(DateTimeOffset now) => UsedAt is null && now < ExpiresAt;

    public void Use(DateTimeOffset now) => UsedAt = now;
}
