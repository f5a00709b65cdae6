namespace PasswordManager.Client.Sdk.Tokens;

/// <summary>
/// Where a client keeps its session tokens between calls (memory, a 0600 file, an OS keychain). It never
/// receives a password, a master key or an unlocked key: those stay in the caller's memory.
/// </summary>
public interface ITokenStore
{
    ValueTask<SessionTokens?> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Called after login and after every refresh; the previous refresh token is no longer valid.</summary>
    ValueTask SaveAsync(SessionTokens tokens, CancellationToken cancellationToken);

    ValueTask ClearAsync(CancellationToken cancellationToken);
}
