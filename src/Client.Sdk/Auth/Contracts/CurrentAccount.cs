namespace PasswordManager.Client.Sdk.Auth.Contracts;

public sealed record CurrentAccount(
    Guid UserId,
    string Username,
    string? Email,
    Guid TenantId,
    TenantRole Role,
    bool InstanceAdministrator,
    Guid SessionId,
    byte[] PublicKeyBundle,
    DateTimeOffset CreatedAt);
