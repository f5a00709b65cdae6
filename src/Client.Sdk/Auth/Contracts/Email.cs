namespace PasswordManager.Client.Sdk.Auth.Contracts;

public sealed record VerifyEmailRequest(string Code);

public sealed record ChangeEmailRequest(string? Email, byte[] AuthHash, string? Code = null, string? RecoveryCode = null);

public sealed record PasswordHintByEmailRequest(string EmailOrUsername);

public sealed record MagicLinkRequest(string Email, string VerifierChallenge, DeviceInfo Device);

public sealed record RedeemMagicLinkRequest(string Token, string Verifier);
