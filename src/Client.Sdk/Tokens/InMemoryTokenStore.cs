namespace PasswordManager.Client.Sdk.Tokens;

public sealed class InMemoryTokenStore : ITokenStore
{
    private SessionTokens? tokens;

    public ValueTask<SessionTokens?> LoadAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Volatile.Read(ref tokens));

    public ValueTask SaveAsync(SessionTokens tokens, CancellationToken cancellationToken)
    {
        Volatile.Write(ref this.tokens, tokens);
        return ValueTask.CompletedTask;
    }

    public ValueTask ClearAsync(CancellationToken cancellationToken)
    {
        Volatile.Write(ref tokens, null);
        return ValueTask.CompletedTask;
    }
}
