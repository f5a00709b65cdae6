using System.CommandLine;
using PasswordManager.Client.Cli.Configuration;
using PasswordManager.Client.Cli.Errors;
using PasswordManager.Client.Cli.Terminal;
using PasswordManager.Client.Sdk;

namespace PasswordManager.Client.Cli;

/// <summary>What one pm invocation works with: output, the config folder, and (when a server is configured) the SDK client.</summary>
internal sealed class CliContext : IDisposable
{
    public static readonly Option<bool> JsonOption = new("--json")
    {
        Description = "Write the result (or the error) as one JSON document on stdout",
        Recursive = true,
    };

    private PmClient? client;
    private HttpClientHandler? handler;

    private CliContext(ParseResult parseResult)
    {
        ParseResult = parseResult;
        Output = new Output(parseResult.GetValue(JsonOption));
        Directory = ConfigDirectory.Resolve();
        Config = new ConfigStore(Directory);
        Tokens = new FileTokenStore(Directory);
    }

    public ParseResult ParseResult { get; }

    public Output Output { get; }

    public ConfigDirectory Directory { get; }

    public ConfigStore Config { get; }

    public FileTokenStore Tokens { get; }

    public Uri? Server { get; private set; }

    public PmClient Client => client ??= CreateClient();

    /// <summary>The pinned bundles of the logged-in account of this profile.</summary>
    public FilePinnedKeyStore Pins(Guid ownerId) => new(Directory, ownerId);

    /// <summary>Runs a command body and turns any failure into its message and exit code.</summary>
    public static async Task<int> RunAsync(ParseResult parseResult, Func<CliContext, CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var context = new CliContext(parseResult);
        try
        {
            return await body(context, cancellationToken);
        }
#pragma warning disable CA1031 // the top of the command: every failure becomes a message and an exit code
        catch (Exception exception)
#pragma warning restore CA1031
        {
            var failure = FailureClassifier.Classify(exception, context.Server, cancellationToken);
            context.Output.Failure(failure);
            return failure.ExitCode;
        }
    }

    public void Dispose()
    {
        client?.Dispose();
        handler?.Dispose();
    }

    /// <summary>The transport for <paramref name="server"/> as configured: plain HTTP only where allowed, a pinned CA when given.</summary>
    public HttpMessageHandler Transport(Uri server)
    {
        var config = Config.Load();
        ServerTrust.EnsureAllowed(server, config.Insecure);
        return handler ??= ServerTrust.CreateHandler(server, config.ServerAuthority);
    }

    /// <summary>The SDK options pm uses for <paramref name="server"/>: a short rate-limit wait is announced on stderr, then retried once.</summary>
    public PmClientOptions ClientOptions(Uri server) => new()
    {
        BaseAddress = server,
        RateLimited = wait => Output.Warn(
            $"Rate limited by the server; retrying in {Math.Ceiling(wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture)} s"),
    };

    private PmClient CreateClient()
    {
        Server = Config.Load().Server ?? throw CliException.Usage("No server configured. Run: pm config server URL");
        return new PmClient(ClientOptions(Server), Tokens, Transport(Server));
    }
}
