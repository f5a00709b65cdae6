namespace PasswordManager.EndToEndTests.Infrastructure;

internal static class TestUsers
{
    public static string NewUsername(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    /// <summary>A master password with a unique canary inside, so a dump can be searched for any fragment of it.</summary>
    public static (string Password, string Canary) NewPassword()
    {
        var canary = $"CANARY{Guid.NewGuid():N}";
        return ($"correct horse {canary} battery staple", canary);
    }
}
