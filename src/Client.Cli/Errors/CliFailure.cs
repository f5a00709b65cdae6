namespace PasswordManager.Client.Cli.Errors;

internal sealed record CliFailure(int ExitCode, string Code, string Message, int? Status = null, IReadOnlyDictionary<string, string[]>? Errors = null);
