using PasswordManager.Domain.Auth.Sessions;
using PasswordManager.Domain.Common;

namespace PasswordManager.Domain.Auth.Mfa;

/// <summary>
/// Proof that a device presented the right authHash for an account with MFA on. It is worth nothing but the
/// right to send a second factor for that account from that device, once, before it expires.
/// </summary>
public sealed class MfaTicket
{
    private MfaTicket() { }

    public Guid Id { get; private set; }
    public byte[] TokenHash { get; private set; } = null!;
    public UserId UserId { get; private set; }
    public Guid DeviceId { get; private set; }
    public string DeviceName { get; private set; } = null!;
    public DeviceType DeviceType { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }

    public static MfaTicket Issue(
        UserId user, byte[] tokenHash, Guid deviceId, string deviceName, DeviceType deviceType, DateTimeOffset now, TimeSpan lifetime) => new()
    {
        Id = Guid.CreateVersion7(now),
        TokenHash = tokenHash,
        UserId = user,
        DeviceId = deviceId,
        DeviceName = deviceName,
        DeviceType = deviceType,
        CreatedAt = now,
        ExpiresAt = now + lifetime,
    };

    public bool IsUsableBy(Guid deviceId, DateTimeOffset now) => UsedAt is null && now < ExpiresAt && DeviceId == deviceId;
}
