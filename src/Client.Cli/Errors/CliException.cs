namespace PasswordManager.Client.Cli.Errors;

/// <summary>A failure the CLI itself detected, with the message a shell user can act on.</summary>
internal sealed class CliException(int exitCode, string code, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public string Code { get; } = code;

    public static CliException NotLoggedIn() => new(ExitCodes.Auth, "cli.not_logged_in", "Not logged in. Run: pm login");

    public static CliException Usage(string message) => new(ExitCodes.Usage, "cli.usage", message);
}
