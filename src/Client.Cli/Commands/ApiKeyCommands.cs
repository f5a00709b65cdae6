using System.CommandLine;
using System.Globalization;
using PasswordManager.Client.Cli.Errors;
using PasswordManager.Client.Cli.Terminal;
using PasswordManager.Client.Sdk.Auth.Contracts;
using PasswordManager.Client.Sdk;
using Spectre.Console;

namespace PasswordManager.Client.Cli.Commands;

/// <summary>pm apikey create|list|revoke (needs a login), and the PM_API_KEY / PM_API_SECRET credentials pm export uses.</summary>
internal static class ApiKeyCommands
{
    public const string KeyVariable = "PM_API_KEY";
    public const string SecretVariable = "PM_API_SECRET";

    private static PmApiKeyClient? exportClient;

    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "What the key is for, e.g. nightly-backup" };
        var scopes = new Option<string[]>("--scope")
        {
            Description = "export, key-rotation or user-management; repeat for several",
            Required = true,
        };
        var expires = new Option<DateTimeOffset?>("--expires") { Description = "Expiry (e.g. 2027-01-31 or 2027-01-31T12:00Z); without it the key does not expire" };
        var create = new Command("create", "Create an API key; its secret is printed once") { name, scopes, expires };
        create.SetCliAction(async (context, token) =>
        {
            var key = await context.Client.ApiKeys.CreateAsync(
                new CreateApiKeyRequest(context.ParseResult.GetValue(name)!, context.ParseResult.GetValue(scopes)!, context.ParseResult.GetValue(expires)),
                token);
            context.Output.Result(key, console =>
            {
                console.MarkupLine($"Created API key [bold]{Markup.Escape(key.Name)}[/] ({string.Join(", ", key.Scopes)}).");
                console.MarkupLine($"  {KeyVariable}={Markup.Escape(key.Id)}");
                console.MarkupLine($"  {SecretVariable}={Markup.Escape(key.Secret)}");
                console.MarkupLine("The secret is shown this once; store it now. Revoke the key with: pm apikey revoke " + Markup.Escape(key.Id));
            });
            return ExitCodes.Ok;
        });

        var list = new Command("list", "List your API keys (never their secrets)");
        list.SetCliAction(async (context, token) =>
        {
            var keys = await context.Client.ApiKeys.ListAsync(token);
            context.Output.Result(keys, console =>
            {
                var table = new RecordTable("Id", "Name", "Scopes", "Created", "Last used", "Expires");
                foreach (var key in keys.Items)
                {
                    table.AddRow(
                        Markup.Escape(key.Id),
                        Markup.Escape(key.Name),
                        string.Join(", ", key.Scopes),
                        Local(key.CreatedAt),
                        key.LastUsedAt is { } used ? Local(used) : "never",
                        key.ExpiresAt is { } at ? (key.Expired ? "[red]expired[/] " : "") + Local(at) : "never");
                }

                table.WriteTo(console);
            });
            return ExitCodes.Ok;
        });

        var id = new Argument<string>("ID") { Description = "Key id (pmk_…), as listed by pm apikey list" };
        var revoke = new Command("revoke", "Revoke one of your API keys; it stops working at once") { id };
        revoke.SetCliAction(async (context, token) =>
        {
            var keyId = context.ParseResult.GetValue(id)!;
            await context.Client.ApiKeys.RevokeAsync(keyId, token);
            context.Output.Result(new { revoked = keyId }, console => console.MarkupLine($"Revoked API key {Markup.Escape(keyId)}."));
            return ExitCodes.Ok;
        });

        return new Command("apikey", $"Manage API keys for automation (pm export uses {KeyVariable} / {SecretVariable} when both are set)")
        {
            create, list, revoke,
        };
    }

    /// <summary>
    /// The export download: with an API key when <c>PM_API_KEY</c> and <c>PM_API_SECRET</c> are both set, else with
    /// the logged-in session.
    /// </summary>
    public static Task<HttpResponseMessage> ExportAsync(CliContext context, CancellationToken cancellationToken)
    {
        var keyId = Environment.GetEnvironmentVariable(KeyVariable);
        var secret = Environment.GetEnvironmentVariable(SecretVariable);
        if (string.IsNullOrWhiteSpace(keyId) && string.IsNullOrWhiteSpace(secret)) return context.Client.Vaults.ExportAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(keyId) || string.IsNullOrWhiteSpace(secret))
            throw CliException.Usage($"Set both {KeyVariable} and {SecretVariable} to export with an API key, or neither to use your login.");

        var server = context.Config.Load().Server ?? throw CliException.Usage("No server configured. Run: pm config server URL");
        // One per process: the response body is streamed after this returns, so the client must outlive it.
        exportClient ??= new PmApiKeyClient(context.ClientOptions(server), keyId, secret, context.Transport(server));
        return exportClient.ExportAsync(cancellationToken);
    }

    private static string Local(DateTimeOffset time) => time.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
