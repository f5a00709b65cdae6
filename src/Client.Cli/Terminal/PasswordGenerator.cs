using System.Security.Cryptography;

namespace PasswordManager.Client.Cli.Terminal;

/// <summary>
/// Random passwords from the OS CSPRNG (<see cref="RandomNumberGenerator.GetInt32(int)"/>, unbiased), with at least
/// one character of every class in use: lowercase, uppercase, digits and (unless disabled) symbols.
/// </summary>
internal static class PasswordGenerator
{
    public const int DefaultLength = 24;
    public const int MinLength = 8;
    public const int MaxLength = 256;

    private const string lower = "abcdefghijklmnopqrstuvwxyz";
    private const string upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string digits = "0123456789";
    private const string symbols = "!#$%&()*+,-./:;<=>?@[]^_{|}~";

    public static string Generate(int length = DefaultLength, bool useSymbols = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, MinLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, MaxLength);
        string[] classes = useSymbols ? [lower, upper, digits, symbols] : [lower, upper, digits];
        var alphabet = string.Concat(classes);
        var password = new char[length];
        for (var i = 0; i < classes.Length; i++) password[i] = classes[i][RandomNumberGenerator.GetInt32(classes[i].Length)];
        for (var i = classes.Length; i < length; i++) password[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        RandomNumberGenerator.Shuffle(password.AsSpan());
        return new string(password);
    }
}
