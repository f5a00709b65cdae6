using System.Net;

namespace PasswordManager.Client.Sdk.Tokens;

/// <summary>
/// Hands out a valid access token, refreshing it shortly before expiry or after a 401. Refreshes are
/// single-flight: the server rotates the refresh token on every use and treats a second use as theft
/// (revoking the session), so concurrent callers must share one refresh instead of racing.
/// </summary>
internal sealed class SessionTokenManager(
    ITokenStore store, PmClientOptions options, Func<string, CancellationToken, Task<SessionTokens>> refresh) : IDisposable
{
    private readonly SemaphoreSlim refreshLock = new(1, 1);
    private SessionTokens? current;
    private bool loaded;

    public async Task<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        var tokens = await LoadAsync(cancellationToken);
        if (IsUsable(tokens)) return tokens.AccessToken!;
        return await RefreshAsync(tokens.AccessToken, cancellationToken);
    }

    /// <summary>Refreshes unless another caller already replaced <paramref name="staleAccessToken"/> with a usable token.</summary>
    public async Task<string> RefreshAsync(string? staleAccessToken, CancellationToken cancellationToken)
    {
        await refreshLock.WaitAsync(cancellationToken);
        try
        {
            var tokens = await LoadAsync(cancellationToken);
            if (tokens.AccessToken != staleAccessToken && IsUsable(tokens)) return tokens.AccessToken!;

            SessionTokens rotated;
            try
            {
                // Not cancellable once sent: if the server rotates the token and we drop the answer, the
                // stored refresh token is spent and the session is lost.
                rotated = await refresh(tokens.RefreshToken, CancellationToken.None);
            }
            catch (PmApiException problem) when (problem.Status == HttpStatusCode.Unauthorized)
            {
                await ForgetAsync(CancellationToken.None);
                throw;
            }

            await store.SaveAsync(rotated, CancellationToken.None);
            current = rotated;
            return rotated.AccessToken!;
        }
        finally
        {
            refreshLock.Release();
        }
    }

    public async Task<SessionTokens?> PeekAsync(CancellationToken cancellationToken)
    {
        if (!loaded)
        {
            current = await store.LoadAsync(cancellationToken);
            loaded = true;
        }

        return current;
    }

    public async Task StartAsync(SessionTokens tokens, CancellationToken cancellationToken)
    {
        await refreshLock.WaitAsync(cancellationToken);
        try
        {
            await store.SaveAsync(tokens, cancellationToken);
            (current, loaded) = (tokens, true);
        }
        finally
        {
            refreshLock.Release();
        }
    }

    public async Task ForgetAsync(CancellationToken cancellationToken)
    {
        await store.ClearAsync(cancellationToken);
        (current, loaded) = (null, true);
    }

    public void Dispose() => refreshLock.Dispose();

    private async Task<SessionTokens> LoadAsync(CancellationToken cancellationToken) =>
        await PeekAsync(cancellationToken) ?? throw new NotLoggedInException();

    private bool IsUsable(SessionTokens tokens) =>
        tokens.AccessToken is not null
        && tokens.AccessTokenExpiresAt - options.RefreshBeforeExpiry > options.Clock.GetUtcNow();
}
