using System.CommandLine;
using PasswordManager.Client.Cli.Configuration;
using PasswordManager.Client.Cli.Errors;
using PasswordManager.Client.Cli.Vault;
using Spectre.Console;

namespace PasswordManager.Client.Cli.Commands;

/// <summary>pm unlock and pm lock: unlock the account keys once for this user's later pm processes (PM_SESSION).</summary>
internal static class UnlockCommands
{
    public static IEnumerable<Command> Create() => [Unlock(), Lock()];

    private static Command Unlock()
    {
        var idle = new Option<string?>("--idle") { Description = "How long the unlock lasts unused, e.g. 15m, 90s, 2h (default: pm config idle, else 15m)" };
        var raw = new Option<bool>("--raw") { Description = "Print only the session key (for PM_SESSION=$(pm unlock --raw))" };
        var command = new Command("unlock", "Unlock the account keys once; later pm commands use them through PM_SESSION") { idle, raw, VaultSession.PasswordStdinOption };
        command.SetCliAction(async (context, token) =>
        {
            var config = context.Config.Load();
            var material = new KeyMaterialStore(context.Directory).Load();
            if (config.PublicKeyBundle is null || material is null || config.UserId != material.UserId) throw CliException.NotLoggedIn();
            var idleTime = context.ParseResult.GetValue(idle) is { } text ? UnlockStore.ParseIdle(text) : UnlockStore.Idle(config);

            using var keys = await VaultSession.UnlockWithPasswordAsync(context, config, material, token);
            var (session, expiresAt) = await new UnlockStore(context.Directory).SaveAsync(keys, config, idleTime, token);
            var idleText = UnlockStore.Describe(idleTime);
            if (context.Output.Json)
            {
                context.Output.Result(new { session, idleSeconds = (long)idleTime.TotalSeconds, expiresAt }, _ => { });
            }
            else if (context.ParseResult.GetValue(raw))
            {
                Console.Out.Write(session);
                if (!Console.IsOutputRedirected) Console.Out.WriteLine();
            }
            else
            {
                Console.Out.WriteLine($"export {UnlockStore.EnvironmentVariable}=\"{session}\"");
                context.Output.Note(
                    $"Unlocked for {idleText} of inactivity (each use extends it). In this shell: eval \"$(pm unlock)\", "
                        + $"or export the line above. [bold]pm lock[/] ends it at once.");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Lock()
    {
        var command = new Command("lock", "Forget the unlock at once: every PM_SESSION of this profile stops working");
        command.SetCliAction((context, _) =>
        {
            var store = new UnlockStore(context.Directory);
            var wasUnlocked = store.Exists;
            store.Delete();
            context.Output.Result(
                new { locked = true, wasUnlocked },
                console => console.MarkupLine(wasUnlocked ? "Locked." : "Was not unlocked; nothing to do."));
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }
}
