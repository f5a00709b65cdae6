using PasswordManager.Client.Sdk.Auth.Contracts;

namespace PasswordManager.Client.Sdk.Auth;

public sealed record RegisteredAccount(Guid UserId, string Username, Guid TenantId, TenantRole Role, string Fingerprint);
