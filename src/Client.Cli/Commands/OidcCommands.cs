using System.CommandLine;
using PasswordManager.Client.Cli.Terminal;
using PasswordManager.Client.Sdk.Auth.Contracts;
using Spectre.Console;

namespace PasswordManager.Client.Cli.Commands;

/// <summary><c>pm oidc</c>: the server's OpenID Connect providers, and the identities linked to your account.</summary>
internal static class OidcCommands
{
    public static Command Create()
    {
        var providers = new Command("providers", "The OpenID Connect providers this server offers");
        providers.SetCliAction(async (context, token) =>
        {
            var list = await context.Client.Auth.ListOidcProvidersAsync(token);
            context.Output.Result(list, console =>
            {
                if (list.Count == 0) console.MarkupLine("This server offers no OpenID Connect provider.");
                foreach (var provider in list)
                    console.MarkupLine($"[bold]{Markup.Escape(provider.Name)}[/]  {Markup.Escape(provider.DisplayName)}  {Markup.Escape(provider.Issuer)}");
            });
            return ExitCodes.Ok;
        });

        var list = new Command("list", "The provider identities linked to your account");
        list.SetCliAction(async (context, token) =>
        {
            var identities = await context.Client.Auth.ListOidcIdentitiesAsync(token);
            context.Output.Result(identities.Items, console =>
            {
                if (identities.Items.Count == 0) console.MarkupLine("No linked identity. Link one with: pm oidc link PROVIDER");
                foreach (var identity in identities.Items)
                    console.MarkupLine($"{identity.Id}  [bold]{Markup.Escape(identity.Provider)}[/]  {Markup.Escape(identity.Email ?? identity.Subject)}  linked {identity.LinkedAt:yyyy-MM-dd}");
            });
            return ExitCodes.Ok;
        });

        var providerArgument = new Argument<string>("PROVIDER") { Description = "The provider's name (pm oidc providers) or issuer URL" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the master password from the first line of stdin" };
        var (mfaCode, recoveryCode) = AccountCommands.SecondFactorOptions();
        var link = new Command("link", "Sign in with the provider in a browser and link that identity to your account (asks for the master password)")
        {
            providerArgument, passwordStdin, mfaCode, recoveryCode,
        };
        link.SetCliAction(async (context, token) =>
        {
            var (config, material) = AccountCommands.LoadAccount(context);
            var provider = context.ParseResult.GetValue(providerArgument)!.Trim();
            var (ticket, email) = await OidcSignIn.UnlinkedIdentityAsync(
                context, provider, new DeviceInfo(config.DeviceId, Environment.MachineName, DeviceType.Cli), token);
            var password = PasswordReader.Read(context.Output, context.ParseResult.GetValue(passwordStdin), confirm: false);
            var factor = await AccountCommands.SecondFactorIfOnAsync(context, mfaCode, recoveryCode, token);
            var linked = await context.Output.StatusAsync(
                "Deriving the master key and linking…",
                () => context.Client.Account.LinkOidcIdentityAsync(material.Username, password.AsMemory(), ticket, factor, token));
            context.Output.Result(linked, console => console.MarkupLine(
                $"Linked your [bold]{Markup.Escape(linked.Provider)}[/] identity{(email is null ? "" : $" ({Markup.Escape(email)})")}. Sign in with: pm login --oidc {Markup.Escape(provider)}"));
            return ExitCodes.Ok;
        });

        var identityId = new Argument<Guid>("ID") { Description = "The identity's id (pm oidc list)" };
        var unlink = new Command("unlink", "Unlink one of your provider identities") { identityId };
        unlink.SetCliAction(async (context, token) =>
        {
            var id = context.ParseResult.GetValue(identityId);
            await context.Client.Auth.UnlinkOidcIdentityAsync(id, token);
            context.Output.Result(new { unlinked = id }, console => console.MarkupLine("Identity unlinked."));
            return ExitCodes.Ok;
        });

        return new Command("oidc", "Sign-in with OpenID Connect providers: providers, list, link, unlink") { providers, list, link, unlink };
    }
}
