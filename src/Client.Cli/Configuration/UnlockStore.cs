using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using PasswordManager.Client.Cli.Errors;
using PasswordManager.Client.Crypto;
using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Sdk.Auth.Contracts;

namespace PasswordManager.Client.Cli.Configuration;

/// <summary>
/// unlock.bin (0600): the USK unlocked by pm unlock, sealed under the session key that only PM_SESSION carries
/// (docs/crypto-format.md §19). Each use slides its expiry forward by the idle time; pm lock deletes it.
/// </summary>
internal sealed partial class UnlockStore(ConfigDirectory directory)
{
    public const string FileName = "unlock.bin";
    public const string EnvironmentVariable = "PM_SESSION";
    public static readonly TimeSpan DefaultIdle = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan MaxIdle = TimeSpan.FromDays(1);

    public static string? SessionFromEnvironment() =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value ? value.Trim() : null;

    public bool Exists => File.Exists(directory.FilePath(FileName));

    /// <summary>Seals <paramref name="keys"/> for <paramref name="idle"/> and returns the session key as PM_SESSION carries it.</summary>
    public async Task<(string Session, DateTimeOffset ExpiresAt)> SaveAsync(
        AccountKeys keys, CliConfig config, TimeSpan idle, CancellationToken cancellationToken)
    {
        var sessionKey = LocalUnlock.NewSessionKey();
        try
        {
            var expiresAt = Expiry(idle);
            await directory.WriteBytesAsync(FileName, LocalUnlock.Seal(keys, sessionKey, Binding(config), expiresAt, idle), cancellationToken);
            return (Base64Url.EncodeToString(sessionKey), expiresAt);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(sessionKey);
        }
    }

    /// <summary>
    /// The account keys from the unlock that <paramref name="session"/> opens, its expiry slid forward. Fails with
    /// exit 2 when there is no unlock, the session does not open it, or it expired (then it is deleted).
    /// </summary>
    public async Task<AccountKeys> OpenAsync(string session, CliConfig config, UnlockMaterial material, CancellationToken cancellationToken)
    {
        var sealedUnlock = directory.ReadBytes(FileName)
            ?? throw new CliException(ExitCodes.Auth, "cli.locked", $"Locked: {EnvironmentVariable} is set but this profile has no unlock (pm lock ended it, or it expired). Run: pm unlock");
        var sessionKey = Decode(session);
        OpenedUnlock opened;
        try
        {
            opened = LocalUnlock.Open(sessionKey, sealedUnlock, material.UserId, Binding(config), material.EncryptedPrivateKeys);
        }
        catch (CryptoException)
        {
            throw Invalid();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(sessionKey);
        }

        if (opened.ExpiresAt <= DateTimeOffset.UtcNow)
        {
            opened.Keys.Dispose();
            Delete();
            throw new CliException(
                ExitCodes.Auth,
                "cli.session_expired",
                $"The unlock in {EnvironmentVariable} expired (unused for {Describe(opened.Idle)}). Run: pm unlock, and export the new {EnvironmentVariable}.");
        }

        try
        {
            await SlideAsync(opened, session, config, cancellationToken);
            return opened.Keys;
        }
        catch
        {
            opened.Keys.Dispose();
            throw;
        }
    }

    public void Delete() => directory.Delete(FileName);

    /// <summary>Parses an idle time: a whole number with s, m or h (no unit: minutes), from 1 s to 24 h.</summary>
    public static TimeSpan ParseIdle(string text)
    {
        var match = IdlePattern().Match(text.Trim());
        if (!match.Success) throw CliException.Usage($"'{text}' is not an idle time. Examples: 15m, 90s, 2h (no unit: minutes).");
        var amount = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var idle = match.Groups[2].Value.ToUpperInvariant() switch
        {
            "S" => TimeSpan.FromSeconds(amount),
            "H" => TimeSpan.FromHours(Math.Min(amount, 1_000_000)),
            _ => TimeSpan.FromMinutes(Math.Min(amount, 1_000_000)),
        };
        return idle >= TimeSpan.FromSeconds(1) && idle <= MaxIdle ? idle : throw CliException.Usage("The idle time must be between 1s and 24h.");
    }

    public static TimeSpan Idle(CliConfig config) =>
        config.UnlockIdleSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : DefaultIdle;

    public static string Describe(TimeSpan idle) => idle switch
    {
        { TotalSeconds: < 60 } or { Seconds: not 0 } => $"{(long)idle.TotalSeconds} s",
        { TotalMinutes: < 60 } or { Minutes: not 0 } => $"{(long)idle.TotalMinutes} min",
        _ => $"{(long)idle.TotalHours} h",
    };

    private async Task SlideAsync(OpenedUnlock opened, string session, CliConfig config, CancellationToken cancellationToken)
    {
        var sessionKey = Decode(session);
        try
        {
            var resealed = LocalUnlock.Seal(opened.Keys, sessionKey, Binding(config), Expiry(opened.Idle), opened.Idle);
            await directory.WriteBytesAsync(FileName, resealed, cancellationToken);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(sessionKey);
        }
    }

    private static DateTimeOffset Expiry(TimeSpan idle) => DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.Add(idle).ToUnixTimeSeconds());

    /// <summary>The profile and device the unlock belongs to: another folder, device id or server cannot open it.</summary>
    private string Binding(CliConfig config) =>
        $"{config.DeviceId:D}|{config.Server?.AbsoluteUri}|{directory.Path}";

    private static byte[] Decode(string session)
    {
        try
        {
            var key = Base64Url.DecodeFromChars(session);
            if (key.Length == LocalUnlock.SessionKeySize) return key;
            CryptographicOperations.ZeroMemory(key);
        }
        catch (FormatException)
        {
        }

        throw Invalid();
    }

    private static CliException Invalid() => new(
        ExitCodes.Auth,
        "cli.session_invalid",
        $"{EnvironmentVariable} does not open this profile's unlock: it was replaced by a later pm unlock, or belongs to another profile "
            + $"or account. Run: pm unlock, or unset {EnvironmentVariable}.");

    [GeneratedRegex("^([0-9]{1,9})([smhSMH]?)$")]
    private static partial Regex IdlePattern();
}
