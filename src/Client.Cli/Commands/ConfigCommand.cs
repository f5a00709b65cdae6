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
        var url = new Argument<string>("URL") { Description = "Base address of the server, e.g. https://127.0.0.1:8443" };
        var ca = new Option<string>("--ca")
        {
            Description = "PEM file of the CA that issued the server's certificate; pinned: the server must chain to it (not to the system store)",
        };
        var insecure = new Option<bool>("--insecure") { Description = "Allow plain http:// to a server that is not on this machine (unencrypted)" };
        var server = new Command("server", "Set the server pm talks to (forgets the session of the previous server)") { url, ca, insecure };
        server.SetCliAction((context, token) => SetServerAsync(
            context, context.ParseResult.GetValue(url)!, context.ParseResult.GetValue(ca), context.ParseResult.GetValue(insecure), token));

        var duration = new Argument<string>("DURATION") { Description = "How long pm unlock lasts unused: 15m, 90s, 2h (no unit: minutes)" };
        var idle = new Command("idle", "Set how long an unlock (pm unlock) lasts without use; default 15m") { duration };
        idle.SetCliAction((context, token) => SetIdleAsync(context, context.ParseResult.GetValue(duration)!, token));

        var show = new Command("show", "Show the configuration and where it is stored");
        show.SetCliAction((context, _) => Task.FromResult(Show(context)));

        return new Command("config", "Configure pm") { server, idle, show };
    }

    private static async Task<int> SetServerAsync(CliContext context, string value, string? caPath, bool insecure, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            throw CliException.Usage($"'{value}' is not an http:// or https:// address. Example: pm config server https://127.0.0.1:8443");
        }

        ServerTrust.EnsureAllowed(address, insecure);
        if (caPath is not null && address.Scheme != Uri.UriSchemeHttps) throw CliException.Usage("--ca needs an https:// address.");
        var authority = caPath is null ? null : ServerTrust.ReadAuthority(caPath);

        var config = context.Config.Load();
        if (config.Server != address)
        {
            // Tokens and the pinned own bundle belong to the previous server.
            await context.Tokens.ClearAsync(cancellationToken);
            new KeyMaterialStore(context.Directory).Delete();
            new UnlockStore(context.Directory).Delete();
            context.Directory.Delete(VaultSession.CacheFileName);
            config = config.WithoutAccount();
        }

        await context.Config.SaveAsync(config with { Server = address, ServerAuthority = authority, Insecure = insecure }, cancellationToken);
        context.Output.Result(
            new { server = address, pinnedAuthority = authority is not null },
            console => console.MarkupLine($"Server set to [bold]{Markup.Escape(address.ToString())}[/]. Next: pm register, or pm login"));
        return ExitCodes.Ok;
    }

    private static async Task<int> SetIdleAsync(CliContext context, string value, CancellationToken cancellationToken)
    {
        var idle = UnlockStore.ParseIdle(value);
        await context.Config.SaveAsync(context.Config.Load() with { UnlockIdleSeconds = (int)idle.TotalSeconds }, cancellationToken);
        context.Output.Result(
            new { idleSeconds = (long)idle.TotalSeconds },
            console => console.MarkupLine($"pm unlock now lasts {UnlockStore.Describe(idle)} without use (from the next pm unlock)."));
        return ExitCodes.Ok;
    }

    private static int Show(CliContext context)
    {
        var config = context.Config.Load();
        var idle = UnlockStore.Idle(config);
        var payload = new
        {
            configDirectory = context.Directory.Path, server = config.Server, deviceId = config.DeviceId, username = config.Username,
            unlockIdleSeconds = (long)idle.TotalSeconds, pinnedAuthority = config.ServerAuthority is not null, insecure = config.Insecure,
        };
        context.Output.Result(payload, console =>
        {
            var grid = new Grid().AddColumn().AddColumn();
            grid.AddRow("Config folder", Markup.Escape(context.Directory.Path));
            grid.AddRow("Server", Markup.Escape(config.Server?.ToString() ?? "(not set: pm config server URL)"));
            grid.AddRow("Server CA", config.ServerAuthority is null ? "system store" : "pinned (pm config server URL --ca FILE)");
            grid.AddRow("Device id", config.DeviceId == Guid.Empty ? "(created at first login)" : config.DeviceId.ToString());
            grid.AddRow("Last user", Markup.Escape(config.Username ?? "-"));
            grid.AddRow("Unlock idle time", UnlockStore.Describe(idle));
            console.Write(grid);
        });
        return ExitCodes.Ok;
    }
}
