using System.CommandLine;
using System.Globalization;
using PasswordManager.Client.Cli.Errors;
using PasswordManager.Client.Cli.Terminal;
using PasswordManager.Client.Cli.Vault;
using PasswordManager.Client.Sdk.Keys;
using Spectre.Console;

namespace PasswordManager.Client.Cli.Commands;

/// <summary>pm invite and pm invites: share with someone who has no account yet; confirmed (key wrapped) after their safety number was compared.</summary>
internal static class InvitationCommands
{
    private static readonly Argument<string> vaultArgument = new("VAULT") { Description = "Vault name or id" };
    private static readonly Argument<Guid> invitationArgument = new("INVITATION") { Description = "Invitation id" };

    public static IEnumerable<Command> Create() => [Invite(), Invites()];

    private static Command Invite()
    {
        var invitee = new Argument<string>("INVITEE") { Description = "Username or email of the person to invite" };
        var permission = SharingCommands.PermissionOption();
        var expires = new Option<string?>("--expires") { Description = "End of the grant once confirmed (ISO 8601)" };
        var command = new Command("invite", "Invite someone (who may not have an account yet) to a vault; confirm with pm invites confirm once they registered")
        {
            vaultArgument, invitee, permission, expires,
        };
        command.SetVaultAction(async (context, session, token) =>
        {
            var parse = context.ParseResult;
            var vault = await session.ResolveVaultAsync(parse.GetValue(vaultArgument), createPersonal: false, token);
            var until = parse.GetValue(expires) is { Length: > 0 } text
                ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)
                : (DateTimeOffset?)null;
            var invitation = await session.Sharing.InviteAsync(vault.VaultId, parse.GetValue(invitee)!, SharingCommands.ParsePermission(parse.GetValue(permission)), until, token);
            context.Output.Result(invitation, console => console.MarkupLine(
                $"Invited {Markup.Escape(invitation.Invitee)} to [bold]{Markup.Escape(vault.Name)}[/] ({invitation.Status}, id {invitation.InvitationId}). "
                + "Once they registered: pm invites confirm " + Markup.Escape(vault.Name) + " " + invitation.InvitationId));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Invites()
    {
        var vault = new Argument<string?>("VAULT") { Description = "A vault you administer (without it: invitations addressed to you)", Arity = ArgumentArity.ZeroOrOne };
        var list = new Command("invites", "List invitations: a vault's (admins), or those addressed to you") { vault };
        list.SetVaultAction(async (context, session, token) =>
        {
            if (context.ParseResult.GetValue(vault) is not { Length: > 0 } reference)
            {
                var mine = await session.Sharing.ListMyInvitationsAsync(token);
                context.Output.Result(new { items = mine }, console =>
                {
                    var table = new RecordTable("Id", "Vault", "Permission", "Status", "Invited");
                    foreach (var i in mine) table.AddRow(i.InvitationId.ToString(), i.VaultId.ToString(), SharingCommands.Name(i.Permission), i.Status, i.CreatedAt.ToString("u", CultureInfo.InvariantCulture));
                    table.WriteTo(console);
                });
                return ExitCodes.Ok;
            }

            var target = await session.ResolveVaultAsync(reference, createPersonal: false, token);
            var items = await session.Sharing.ListInvitationsAsync(target.VaultId, token);
            context.Output.Result(new { target.VaultId, vault = target.Name, items }, console =>
            {
                var table = new RecordTable("Id", "Invitee", "Permission", "Status", "Expires");
                foreach (var i in items)
                    table.AddRow(i.InvitationId.ToString(), Markup.Escape(i.Invitee), SharingCommands.Name(i.Permission), i.Status, i.ExpiresAt?.ToString("u", CultureInfo.InvariantCulture) ?? "-");
                table.WriteTo(console);
            });
            return ExitCodes.Ok;
        });

        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask: you already compared the invitee's safety number" };
        var confirm = new Command("confirm", "Confirm a ready invitation: shows the invitee's safety number, then wraps the vault key for their key") { vaultArgument, invitationArgument, yes };
        confirm.SetVaultAction(async (context, session, token) =>
        {
            var parse = context.ParseResult;
            var target = await session.ResolveVaultAsync(parse.GetValue(vaultArgument), createPersonal: false, token);
            var (invitation, invitee) = await session.Sharing.LookupInviteeAsync(target.VaultId, parse.GetValue(invitationArgument), token);
            if (invitee.State is not (PinState.Verified or PinState.Changed) && !parse.GetValue(yes))
            {
                if (!Output.CanPrompt) throw CliException.Usage("Pass --yes to confirm without a prompt (only after comparing the invitee's safety number out of band).");
                FingerprintCommand.WriteSafetyNumber(context.Output.Stderr, invitee.Username, invitee.Fingerprint);
                if (!context.Output.Stderr.Confirm($"Does {Markup.Escape(invitee.Username)} see the same safety number?", defaultValue: false))
                    throw new CliException(ExitCodes.Usage, "cli.not_trusted", "Not confirmed; nothing changed.");
            }

            var member = await session.Sharing.ConfirmInvitationAsync(invitation, invitee, token);
            context.Output.Result(
                new { target.VaultId, vault = target.Name, member.UserId, member.Username, permission = SharingCommands.Name(member.Permission), member.Fingerprint },
                console => console.MarkupLine($"{Markup.Escape(member.Username ?? member.UserId.ToString())} joined [bold]{Markup.Escape(target.Name)}[/] ({SharingCommands.Name(member.Permission)}); their key is trusted."));
            return ExitCodes.Ok;
        });

        var cancel = new Command("cancel", "Cancel an open invitation") { vaultArgument, invitationArgument };
        cancel.SetVaultAction(async (context, session, token) =>
        {
            var target = await session.ResolveVaultAsync(context.ParseResult.GetValue(vaultArgument), createPersonal: false, token);
            var id = context.ParseResult.GetValue(invitationArgument);
            await session.Sharing.CancelInvitationAsync(target.VaultId, id, token);
            context.Output.Result(new { target.VaultId, invitationId = id, cancelled = true }, console => console.MarkupLine($"Cancelled invitation {id}."));
            return ExitCodes.Ok;
        });

        list.Subcommands.Add(confirm);
        list.Subcommands.Add(cancel);
        return list;
    }
}
