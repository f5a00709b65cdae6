using System.Text.Json;
using PasswordManager.Client.Cli.Terminal;
using PasswordManager.Client.Sdk.Tokens;

namespace PasswordManager.Client.Cli.Configuration;

/// <summary>
/// session.json (0600): the session id and refresh token only. The access token stays in memory, so every
/// pm invocation starts with a refresh; no password, master key or unlocked key is ever written.
/// </summary>
internal sealed class FileTokenStore(ConfigDirectory directory) : ITokenStore
{
    private const string fileName = "session.json";

    public ValueTask<SessionTokens?> LoadAsync(CancellationToken cancellationToken)
    {
        var text = directory.ReadText(fileName);
        if (text is null) return ValueTask.FromResult<SessionTokens?>(null);
        try
        {
            var stored = JsonSerializer.Deserialize<StoredSession>(text, CliJson.Options);
            return ValueTask.FromResult(stored is { RefreshToken.Length: > 0 } ? new SessionTokens(stored.SessionId, stored.RefreshToken) : null);
        }
        catch (JsonException)
        {
            return ValueTask.FromResult<SessionTokens?>(null);
        }
    }

    public async ValueTask SaveAsync(SessionTokens tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var stored = new StoredSession(tokens.SessionId, tokens.RefreshToken);
        await directory.WriteTextAsync(fileName, JsonSerializer.Serialize(stored, CliJson.Options), cancellationToken);
    }

    public ValueTask ClearAsync(CancellationToken cancellationToken)
    {
        directory.Delete(fileName);
        return ValueTask.CompletedTask;
    }

    private sealed record StoredSession(Guid SessionId, string RefreshToken);
}
