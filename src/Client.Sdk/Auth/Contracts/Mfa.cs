using System.Text.Json;

namespace PasswordManager.Client.Sdk.Auth.Contracts;

/// <summary>The second step of a login that answered <c>auth.mfa_required</c>: the ticket from that answer, the same device, and one factor.</summary>
public sealed record LoginMfaRequest(string Ticket, Guid DeviceId, string? Code, string? RecoveryCode);

public sealed record MfaStatus(bool Enabled, bool EnrolmentPending, DateTimeOffset? EnabledAt, int RecoveryCodesRemaining);

public sealed record EnrolTotpRequest(byte[] AuthHash);

/// <summary>What an authenticator app needs: the base32 secret, the <c>otpauth://</c> URI, and the URI as a PNG QR code.</summary>
public sealed record TotpEnrolment(string Secret, string OtpauthUri, byte[] QrCodePng);

public sealed record ConfirmTotpRequest(string Code);

/// <summary>Ten single-use recovery codes; the server keeps only slow hashes, so this is the only time they are shown.</summary>
public sealed record RecoveryCodeSet(IReadOnlyList<string> RecoveryCodes);

public sealed record DisableMfaRequest(byte[] AuthHash, string? Code, string? RecoveryCode);

public sealed record RegenerateRecoveryCodesRequest(byte[] AuthHash, string Code);

public sealed record SecurityEventPage(IReadOnlyList<SecurityEventItem> Items, Guid? NextCursor);

/// <summary>One security event (metadata only); <see cref="Details"/> is a small JSON object whose shape depends on <see cref="Type"/>.</summary>
public sealed record SecurityEventItem(Guid Id, string Type, DateTimeOffset OccurredAt, string? IpAddress, string? DeviceName, JsonElement? Details);

/// <summary>The second factor of a login: a TOTP code or a recovery code.</summary>
public sealed record SecondFactor(string? Code, string? RecoveryCode)
{
    public static SecondFactor Totp(string code) => new(code.Trim(), null);

    public static SecondFactor Recovery(string recoveryCode) => new(null, recoveryCode.Trim());
}
