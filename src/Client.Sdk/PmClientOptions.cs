namespace PasswordManager.Client.Sdk;

/// <summary>Where the server is and how the client treats access tokens.</summary>
public sealed class PmClientOptions
{
    public required Uri BaseAddress { get; init; }

    /// <summary>An access token this close to its expiry is refreshed before use instead of risking a 401.</summary>
    public TimeSpan RefreshBeforeExpiry { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
