using OtpNet;
using PasswordManager.Application.Auth.Mfa;
using QRCoder;

namespace PasswordManager.Infrastructure.Auth.Mfa;

/// <summary>RFC 6238 through Otp.NET (SHA-1, 6 digits, 30 s, the defaults every authenticator app reads); QR codes through QRCoder.</summary>
internal sealed class OtpNetTotpCodes : ITotpCodes
{
    private const int SecretLength = 20;
    private static readonly VerificationWindow OneStepOfDrift = new(previous: 1, future: 1);

    public byte[] NewSecret() => KeyGeneration.GenerateRandomKey(SecretLength);

    public TotpProvisioning Provision(byte[] secret, string issuer, string accountName)
    {
        var base32 = Base32Encoding.ToString(secret).TrimEnd('=');
        var label = Uri.EscapeDataString(issuer) + ":" + Uri.EscapeDataString(accountName);
        var uri = $"otpauth://totp/{label}?secret={base32}&issuer={Uri.EscapeDataString(issuer)}&algorithm=SHA1&digits=6&period=30";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        return new TotpProvisioning(base32, uri, new PngByteQRCode(data).GetGraphic(6));
    }

    public long? Match(byte[] secret, string code, DateTimeOffset now)
    {
        var totp = new Totp(secret);
        return totp.VerifyTotp(now.UtcDateTime, code, out var step, OneStepOfDrift) ? step : null;
    }
}
