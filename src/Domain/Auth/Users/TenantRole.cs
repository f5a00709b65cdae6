namespace PasswordManager.Domain.Auth.Users;

public enum TenantRole
{
    Member = 0,
    Admin = 1,
    Owner = 2,
}
