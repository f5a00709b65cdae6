using PasswordManager.Client.Crypto.Kdf;

namespace PasswordManager.Client.Sdk.Auth.Contracts;

public sealed record PreloginRequest(string Username);

/// <summary>Untrusted: <see cref="KdfParameters.Validate"/> runs on these before any derivation.</summary>
public sealed record PreloginResponse(KdfParameters Kdf, byte[] KdfSalt);
