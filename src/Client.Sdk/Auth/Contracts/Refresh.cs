namespace PasswordManager.Client.Sdk.Auth.Contracts;

public sealed record RefreshRequest(string RefreshToken);

public sealed record RefreshResponse(string AccessToken, DateTimeOffset AccessTokenExpiresAt, string RefreshToken, Guid SessionId);
