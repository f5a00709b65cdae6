namespace PasswordManager.Client.Cli.Configuration;

/// <summary>
/// config.json. Holds no secret: <see cref="PublicKeyBundle"/> is this account's own bundle, computed from
/// the unlocked keys at the last login and kept to check what the server publishes later.
/// <see cref="UnlockIdleSeconds"/> is how long a pm unlock lasts without use (null: the default).
/// <see cref="ServerAuthority"/> is the PEM of the CA pinned for the server (<c>--ca</c>), <see cref="Insecure"/> allows plain
/// <c>http://</c> to a non-loopback server (<c>--insecure</c>).
/// </summary>
internal sealed record CliConfig(
    Uri? Server = null,
    Guid DeviceId = default,
    string? Username = null,
    Guid? UserId = null,
    byte[]? PublicKeyBundle = null,
    int? UnlockIdleSeconds = null,
    string? ServerAuthority = null,
    bool Insecure = false)
{
    public CliConfig WithoutAccount() => this with { Username = null, UserId = null, PublicKeyBundle = null };
}
