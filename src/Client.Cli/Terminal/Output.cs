using System.Text.Json;
using PasswordManager.Client.Cli.Errors;
using Spectre.Console;

namespace PasswordManager.Client.Cli.Terminal;

/// <summary>
/// Results go to stdout: one JSON document with <c>--json</c>, Spectre.Console text otherwise. Prompts,
/// progress and error messages go to stderr, so stdout stays parseable.
/// </summary>
internal sealed class Output(bool json)
{
    public bool Json { get; } = json;

    public IAnsiConsole Stdout { get; } = CreateStdout();

    public IAnsiConsole Stderr { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    public static bool CanPrompt => !Console.IsInputRedirected && !Console.IsErrorRedirected;

    /// <summary>Spectre wraps at 80 columns when stdout is not a terminal; a pipe or file gets each line whole.</summary>
    private static IAnsiConsole CreateStdout()
    {
        var console = AnsiConsole.Console;
        if (Console.IsOutputRedirected) console.Profile.Width = 100_000;
        return console;
    }

    public void Result(object payload, Action<IAnsiConsole> human)
    {
        ArgumentNullException.ThrowIfNull(human);
        if (Json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(payload, payload.GetType(), CliJson.Options));
            return;
        }

        human(Stdout);
    }

    /// <summary>Shows a spinner on stderr while <paramref name="work"/> runs (key derivation takes up to a second).</summary>
    public async Task<T> StatusAsync<T>(string message, Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (Console.IsErrorRedirected) return await work();
        return await Stderr.Status().Spinner(Spinner.Known.Dots).StartAsync(message, _ => work());
    }

    public void Failure(CliFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (Json)
        {
            var error = new { failure.Code, failure.Message, failure.Status, failure.ExitCode, failure.Errors };
            Console.Out.WriteLine(JsonSerializer.Serialize(new { error }, CliJson.Options));
            return;
        }

        if (Console.IsErrorRedirected) Console.Error.WriteLine($"error: {failure.Message}");
        else Stderr.MarkupLine($"[red]error:[/] {Markup.Escape(failure.Message)}");
    }

    public void Note(string markup)
    {
        if (!Json) Stderr.MarkupLine(markup);
    }

    /// <summary>A warning on stderr, also with --json (stdout stays one document).</summary>
    public void Warn(string text)
    {
        if (Console.IsErrorRedirected) Console.Error.WriteLine($"warning: {text}");
        else Stderr.MarkupLine($"[yellow]warning:[/] {Markup.Escape(text)}");
    }
}
