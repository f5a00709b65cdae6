namespace PasswordManager.Application.Auth.Mfa;

/// <summary>TOTP (RFC 6238: SHA-1, 6 digits, 30-second steps) and its enrolment artefacts.</summary>
public interface ITotpCodes
{
    byte[] NewSecret();

    TotpProvisioning Provision(byte[] secret, string issuer, string accountName);

    /// <summary>The time step <paramref name="code"/> belongs to, allowing one step of drift either way; null when it matches none.</summary>
    long? Match(byte[] secret, string code, DateTimeOffset now);
}

/// <summary>What an authenticator app needs: the secret in base32, the <c>otpauth://</c> URI and that URI as a PNG QR code.</summary>
public sealed record TotpProvisioning(string Secret, string OtpauthUri, byte[] QrCodePng);
