using PasswordManager.Client.Crypto.Kdf;

namespace PasswordManager.Client.Sdk.Auth;

/// <summary>
/// What a registration asks for besides the master password (which is passed separately and never stored).
/// <see cref="PasswordHint"/> is stored by the server in plain text (by design) and only ever sent by email;
/// a null <see cref="Kdf"/> means <see cref="KdfParameters.Default"/>.
/// </summary>
public sealed record NewAccount(
    string Username,
    string? Email = null,
    string? PasswordHint = null,
    string? InvitationCode = null,
    KdfParameters? Kdf = null,
    string? OidcIdentityTicket = null);
