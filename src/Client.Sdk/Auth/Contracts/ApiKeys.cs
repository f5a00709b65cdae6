namespace PasswordManager.Client.Sdk.Auth.Contracts;

/// <summary>Scope names of API keys, as the server spells them.</summary>
public static class ApiKeyScopes
{
    public const string Export = "export";
    public const string KeyRotation = "key-rotation";
    public const string UserManagement = "user-management";
}

public sealed record CreateApiKeyRequest(string Name, IReadOnlyList<string> Scopes, DateTimeOffset? ExpiresAt = null);

/// <summary><see cref="Secret"/> is shown by the server in this answer only; it cannot be read again.</summary>
public sealed record CreatedApiKey(
    string Id, string Name, IReadOnlyList<string> Scopes, string Secret, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt);

public sealed record ApiKeyList(IReadOnlyList<ApiKeySummary> Items);

public sealed record ApiKeySummary(
    string Id, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? ExpiresAt, bool Expired);
