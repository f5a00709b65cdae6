namespace PasswordManager.Client.Sdk;

/// <summary>Where the server is and how the client treats access tokens.</summary>
public sealed class PmClientOptions
{
    public required Uri BaseAddress { get; init; }

    /// <summary>An access token this close to its expiry is refreshed before use instead of risking a 401.</summary>
    public TimeSpan RefreshBeforeExpiry { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>
    /// A 429 whose <c>Retry-After</c> is at most this long is waited out and the request sent once more; a longer wait,
    /// or none given, fails at once with the 429's <see cref="PmApiException"/>.
    /// </summary>
    public TimeSpan MaxRateLimitWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Called with the wait before the client waits out a 429 to retry (to tell the user why it pauses).</summary>
    public Action<TimeSpan>? RateLimited { get; init; }
}
