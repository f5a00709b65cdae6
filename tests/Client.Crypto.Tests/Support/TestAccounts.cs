using PasswordManager.Client.Crypto.Keys;

namespace PasswordManager.Client.Crypto.Tests.Support;

internal static class TestAccounts
{
    public static AccountKeys Create() => AccountKeys.Create(Guid.NewGuid());
}
