namespace PasswordManager.Client.Sdk.Tokens;

/// <summary>
/// A device session's tokens. A store may drop <see cref="AccessToken"/> (the CLI persists only the
/// refresh token); a missing or expiring access token is refreshed before the next call.
/// </summary>
public sealed record SessionTokens(Guid SessionId, string RefreshToken, string? AccessToken = null, DateTimeOffset AccessTokenExpiresAt = default);
