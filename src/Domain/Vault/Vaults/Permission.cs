namespace PasswordManager.Domain.Vault.Vaults;

/// <summary>What an access record lets its member do; each level includes the ones below it.</summary>
public enum Permission
{
    Read = 1,
    Write = 2,
    Admin = 3,
}
