namespace PasswordManager.Domain.Vault.Vaults;

public enum VaultKind
{
    Personal = 0,
    Shared = 1,
}
