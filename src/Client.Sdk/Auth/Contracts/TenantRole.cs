namespace PasswordManager.Client.Sdk.Auth.Contracts;

public enum TenantRole
{
    Member = 0,
    Admin = 1,
    Owner = 2,
}
