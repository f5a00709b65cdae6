using System.CommandLine;
using PasswordManager.Client.Cli.Terminal;
using PasswordManager.Client.Sdk.Auth;
using Spectre.Console;

namespace PasswordManager.Client.Cli.Commands;

internal static class RegisterCommand
{
    public static Command Create()
    {
        var username = new Option<string?>("--username", "-u") { Description = "Account name (asked when omitted)" };
        var email = new Option<string?>("--email") { Description = "Email address, used to send the password hint" };
        var hint = new Option<string?>("--hint") { Description = "Password hint; stored in plain text on the server and only sent by email" };
        var invitation = new Option<string?>("--invitation") { Description = "Invitation code, when the server is invite-only" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the master password from the first line of stdin" };

        var command = new Command("register", "Create an account; keys are generated on this machine") { username, email, hint, invitation, passwordStdin };
        command.SetCliAction(async (context, token) =>
        {
            var output = context.Output;
            var client = context.Client;
            var account = new NewAccount(
                Prompts.Text(output, context.ParseResult.GetValue(username), "Username:", "--username"),
                context.ParseResult.GetValue(email),
                context.ParseResult.GetValue(hint),
                context.ParseResult.GetValue(invitation));
            var password = PasswordReader.Read(output, context.ParseResult.GetValue(passwordStdin), confirm: true);

            var registered = await output.StatusAsync(
                "Generating keys and deriving the master key…",
                () => client.Account.RegisterAsync(account, password.AsMemory(), token));

            output.Result(registered, console =>
            {
                console.MarkupLine($"Registered [bold]{Markup.Escape(registered.Username)}[/] ({registered.Role.ToString().ToLowerInvariant()}).");
                console.MarkupLine($"Safety number: [bold]{registered.Fingerprint}[/]");
                console.MarkupLine("[yellow]There is no password recovery: a lost master password means lost data.[/]");
                console.MarkupLine("Next: pm login");
            });
            return ExitCodes.Ok;
        });
        return command;
    }
}
