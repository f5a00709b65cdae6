using System.Text.Json;
using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Sdk;
using PasswordManager.Client.Sdk.Auth;
using PasswordManager.Client.Sdk.Auth.Contracts;
using PasswordManager.Client.Sdk.Http;
using PasswordManager.Client.Sdk.Tokens;
using PasswordManager.Client.Sdk.Vault;

namespace PasswordManager.EndToEndTests.Infrastructure;

/// <summary>What a pm profile folder holds, read as its owner (or a thief of the folder plus the master password) could.</summary>
internal static class CliProfile
{
    public static JsonElement Config(PmCli pm) => JsonDocument.Parse(File.ReadAllText(Path.Combine(pm.ConfigDirectory, "config.json"))).RootElement;

    public static Guid UserId(PmCli pm) => Config(pm).GetProperty("userId").GetGuid();

    public static string Username(PmCli pm) => Config(pm).GetProperty("username").GetString()!;

    public static PublicKeyBundle Bundle(PmCli pm) => PublicKeyBundle.Parse(Config(pm).GetProperty("publicKeyBundle").GetBytesFromBase64(), UserId(pm));

    /// <summary>The account keys, unlocked from keys.json with the master password (as pm does).</summary>
    public static AccountKeys Unlock(PmCli pm, string password)
    {
        var material = JsonSerializer.Deserialize<UnlockMaterial>(File.ReadAllText(Path.Combine(pm.ConfigDirectory, "keys.json")), SdkJson.Options)!;
        return AccountOperations.Unlock(password, material, Bundle(pm).ToArray());
    }

    /// <summary>The device's sealed local cache, opened with its keys.</summary>
    public static LocalVaultCache Cache(PmCli pm, AccountKeys keys)
    {
        using var cacheKey = LocalCacheKey.Derive(keys);
        return LocalVaultCache.Open(cacheKey, File.ReadAllBytes(Path.Combine(pm.ConfigDirectory, "cache.bin")));
    }

    /// <summary>An SDK client on the profile's own session (its stored refresh token), as a user who kept their tokens could use it.</summary>
    public static async Task<PmClient> SessionClientAsync(PmCli pm)
    {
        var session = JsonDocument.Parse(File.ReadAllText(Path.Combine(pm.ConfigDirectory, "session.json"))).RootElement;
        var store = new InMemoryTokenStore();
        await store.SaveAsync(new SessionTokens(session.GetProperty("sessionId").GetGuid(), session.GetProperty("refreshToken").GetString()!), CancellationToken.None);
        return new PmClient(new PmClientOptions { BaseAddress = ServerFixture.Server.Address }, store);
    }
}
