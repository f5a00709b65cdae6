using System.CommandLine;
using PasswordManager.Client.Cli.Errors;
using PasswordManager.Client.Cli.Terminal;
using PasswordManager.Client.Crypto;
using PasswordManager.Client.Sdk.Auth;
using PasswordManager.Client.Sdk.Auth.Contracts;
using PasswordManager.Client.Sdk.Vault.Contracts;
using Spectre.Console;

namespace PasswordManager.Client.Cli.Commands;

internal static class RegisterCommand
{
    public static Command Create()
    {
        var username = new Option<string?>("--username", "-u") { Description = "Account name (asked when omitted)" };
        var email = new Option<string?>("--email") { Description = "Email address: gets a verification mail; once verified, it receives the password hint (pm hint send), sign-in links and security notices" };
        var hint = new Option<string?>("--hint") { Description = "Password hint; stored in plain text on the server and only sent by email" };
        var invitation = new Option<string?>("--invitation") { Description = "Invitation code, when the server is invite-only" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the master password from the first line of stdin" };
        var allowWeak = new Option<bool>("--allow-weak") { Description = "Accept a master password that the strength check finds weak (12 characters stay the minimum)" };
        var oidc = new Option<string?>("--oidc") { Description = "Sign in with this OpenID Connect provider (name or issuer URL) first and link that identity to the new account; the keys are still made here, under the master password" };
        var fromExport = new Option<string?>("--from-export") { Description = "Register the account of this export archive (same keys; its master password), to import the archive into" };

        var command = new Command("register", "Create an account; keys are generated on this machine") { username, email, hint, invitation, passwordStdin, allowWeak, fromExport, oidc };
        command.SetCliAction(async (context, token) =>
        {
            var output = context.Output;
            var client = context.Client;
            if (context.ParseResult.GetValue(fromExport) is { Length: > 0 } archive) return await RegisterFromExportAsync(context, archive, username, email, hint, invitation, passwordStdin, token);
            var account = new NewAccount(
                Prompts.Text(output, context.ParseResult.GetValue(username), "Username:", "--username"),
                context.ParseResult.GetValue(email),
                context.ParseResult.GetValue(hint),
                context.ParseResult.GetValue(invitation));
            if (context.ParseResult.GetValue(oidc) is { } provider)
            {
                var config = await context.Config.EnsureDeviceIdAsync(context.Config.Load(), token);
                var (ticket, _) = await OidcSignIn.UnlinkedIdentityAsync(
                    context, provider.Trim(), new DeviceInfo(config.DeviceId, Environment.MachineName, DeviceType.Cli), token);
                account = account with { OidcIdentityTicket = ticket };
            }

            var password = PasswordReader.Read(output, context.ParseResult.GetValue(passwordStdin), confirm: true);
            MasterPasswordStrength.Require(password, account.Username, context.ParseResult.GetValue(allowWeak));

            var registered = await output.StatusAsync(
                "Generating keys and deriving the master key…",
                () => client.Account.RegisterAsync(account, password.AsMemory(), token));

            output.Result(registered, console =>
            {
                console.MarkupLine($"Registered [bold]{Markup.Escape(registered.Username)}[/] ({registered.Role.ToString().ToLowerInvariant()}).");
                console.MarkupLine($"Safety number: [bold]{registered.Fingerprint}[/]");
                console.MarkupLine("[yellow]There is no password recovery: a lost master password means lost data.[/]");
                console.MarkupLine(context.ParseResult.GetValue(oidc) is { } linked
                    ? $"Next: pm login --oidc {Markup.Escape(linked)} (or pm login)"
                    : "Next: pm login");
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<int> RegisterFromExportAsync(
        CliContext context, string archive, Option<string?> username, Option<string?> email, Option<string?> hint, Option<string?> invitation,
        Option<bool> passwordStdin, CancellationToken cancellationToken)
    {
        ArchiveHeader header;
        try
        {
            header = ArchiveHeader.ReadFrom(Path.GetFullPath(archive));
        }
        catch (Exception exception) when (exception is FormatException or IOException)
        {
            throw CliException.Usage(exception.Message);
        }

        var parse = context.ParseResult;
        var account = new NewAccount(
            parse.GetValue(username) is { Length: > 0 } name ? name.Trim() : header.Account.Username,
            parse.GetValue(email),
            parse.GetValue(hint),
            parse.GetValue(invitation));
        var password = PasswordReader.Read(context.Output, parse.GetValue(passwordStdin), confirm: false);
        RegisteredAccount registered;
        try
        {
            registered = await context.Output.StatusAsync(
                "Opening the archive's keys and registering…",
                () => context.Client.Account.RegisterFromArchiveAsync(header.Account, account, password.AsMemory(), cancellationToken));
        }
        catch (DecryptionFailedException)
        {
            throw new CliException(ExitCodes.Auth, "cli.wrong_password", "This is not the master password of the exported account.");
        }

        context.Output.Result(registered, console =>
        {
            console.MarkupLine($"Registered [bold]{Markup.Escape(registered.Username)}[/] with the exported account's keys ({registered.UserId}).");
            console.MarkupLine($"Safety number: [bold]{registered.Fingerprint}[/] (the same as before the export)");
            console.MarkupLine($"Next: pm login, then pm import {Markup.Escape(Shell.Quote(Path.GetFullPath(archive)))}");
        });
        return ExitCodes.Ok;
    }
}
