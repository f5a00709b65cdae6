using System.CommandLine;
using PasswordManager.Client.Cli.Configuration;
using PasswordManager.Client.Cli.Errors;
using PasswordManager.Client.Cli.Vault;
using Spectre.Console;

namespace PasswordManager.Client.Cli.Commands;

internal static class ConfigCommand
{
    public static Command Create()
    {
        var url = new Argument<string>("URL") { Description = "Base address of the server, e.g. http://127.0.0.1:8080" };
        var server = new Command("server", "Set the server pm talks to (forgets the session of the previous server)") { url };
        server.SetCliAction((context, token) => SetServerAsync(context, context.ParseResult.GetValue(url)!, token));

        var show = new Command("show", "Show the configuration and where it is stored");
        show.SetCliAction((context, _) => Task.FromResult(Show(context)));

        return new Command("config", "Configure pm") { server, show };
    }

    private static async Task<int> SetServerAsync(CliContext context, string value, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            throw CliException.Usage($"'{value}' is not an http:// or https:// address. Example: pm config server http://127.0.0.1:8080");
        }

        var config = context.Config.Load();
        if (config.Server != address)
        {
            // Tokens and the pinned own bundle belong to the previous server.
            await context.Tokens.ClearAsync(cancellationToken);
            new KeyMaterialStore(context.Directory).Delete();
            context.Directory.Delete(VaultSession.CacheFileName);
            config = config.WithoutAccount();
        }

        await context.Config.SaveAsync(config with { Server = address }, cancellationToken);
        context.Output.Result(
            new { server = address },
            console => console.MarkupLine($"Server set to [bold]{Markup.Escape(address.ToString())}[/]. Next: pm register, or pm login"));
        return ExitCodes.Ok;
    }

    private static int Show(CliContext context)
    {
        var config = context.Config.Load();
        var payload = new { configDirectory = context.Directory.Path, server = config.Server, deviceId = config.DeviceId, username = config.Username };
        context.Output.Result(payload, console =>
        {
            var grid = new Grid().AddColumn().AddColumn();
            grid.AddRow("Config folder", Markup.Escape(context.Directory.Path));
            grid.AddRow("Server", Markup.Escape(config.Server?.ToString() ?? "(not set: pm config server URL)"));
            grid.AddRow("Device id", config.DeviceId == Guid.Empty ? "(created at first login)" : config.DeviceId.ToString());
            grid.AddRow("Last user", Markup.Escape(config.Username ?? "-"));
            console.Write(grid);
        });
        return ExitCodes.Ok;
    }
}
