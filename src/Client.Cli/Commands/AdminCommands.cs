using System.CommandLine;
using System.Globalization;
using PasswordManager.Client.Cli.Errors;
using PasswordManager.Client.Cli.Terminal;
using PasswordManager.Client.Sdk.Admin.Contracts;
using PasswordManager.Client.Sdk.Auth.Contracts;
using Spectre.Console;

namespace PasswordManager.Client.Cli.Commands;

/// <summary>
/// pm admin: users, invitations and tenants through the administration API (tenant owners and admins for their tenant,
/// instance administrators for every tenant). USER is a username or user id; TENANT a tenant name or id.
/// </summary>
internal static class AdminCommands
{
    private static readonly Argument<string> userArgument = new("USER") { Description = "Username or user id" };
    private static readonly Argument<string> tenantArgument = new("TENANT") { Description = "Tenant name or id" };

    public static Command Create() => new("admin", "Administer users, invitations and tenants (tenant admins: their tenant; instance administrators: every tenant)")
    {
        Users(), User(), Invitations(), Invitation(), Tenants(), Tenant(), ConsoleLink(),
    };

    private static Command ConsoleLink()
    {
        var console = new Command("console", "Print a one-time sign-in link to the web admin console (single use, valid 60 s, bound to this device's session)");
        console.SetCliAction(async (context, token) =>
        {
            var link = await context.Client.Admin.CreateConsoleLinkAsync(token);
            var url = new Uri(context.Server!, link.Path);
            context.Output.Result(new { url, expiresAt = link.ExpiresAt }, output =>
            {
                output.Profile.Out.Writer.WriteLine(url.ToString()); // whole, never wrapped at the terminal width: it is copied
                output.MarkupLine($"[grey]Open it in a browser before {Local(link.ExpiresAt)}; it works once. The console session ends when this device logs out.[/]");
            });
            return ExitCodes.Ok;
        });
        return console;
    }

    private static Command Users()
    {
        var search = new Option<string?>("--search") { Description = "Part of a username or email" };
        var tenant = new Option<string?>("--tenant") { Description = "Only this tenant (instance administrators)" };
        var users = new Command("users", "List the users you administer") { search, tenant };
        users.SetCliAction(async (context, token) =>
        {
            var tenantId = context.ParseResult.GetValue(tenant) is { Length: > 0 } reference ? (await ResolveTenantAsync(context, reference, token)).TenantId : (Guid?)null;
            var items = await context.Client.Admin.ListAllUsersAsync(context.ParseResult.GetValue(search), tenantId, token);
            context.Output.Result(new { items }, console =>
            {
                var table = new RecordTable("Username", "Email", "Role", "MFA", "Sessions", "Last sign-in", "Status", "Id");
                foreach (var u in items)
                {
                    table.AddRow(
                        Markup.Escape(u.Username), Markup.Escape(u.Email ?? "-"), Name(u.Role), u.MfaEnabled ? "on" : "off",
                        u.ActiveSessions.ToString(CultureInfo.InvariantCulture), u.LastSignInAt is { } at ? Local(at) : "never",
                        u.Disabled ? "[red]disabled[/]" : "active", u.UserId.ToString());
                }
                table.WriteTo(console);
            });
            return ExitCodes.Ok;
        });
        return users;
    }

    private static Command User()
    {
        var show = new Command("show", "Show a user's metadata") { userArgument };
        show.SetCliAction(async (context, token) =>
        {
            var user = await ResolveUserAsync(context, context.ParseResult.GetValue(userArgument)!, token);
            var shown = await context.Client.Admin.GetUserAsync(user.UserId, token);
            context.Output.Result(shown, console => WriteUser(console, shown));
            return ExitCodes.Ok;
        });

        var disable = new Command("disable", "Disable a user: every session ends at once, and login is refused until enabled") { userArgument };
        disable.SetCliAction(async (context, token) =>
        {
            var user = await ResolveUserAsync(context, context.ParseResult.GetValue(userArgument)!, token);
            var disabled = await context.Client.Admin.DisableUserAsync(user.UserId, token);
            context.Output.Result(disabled, console => console.MarkupLine($"Disabled {Markup.Escape(disabled.Username)}; their sessions have ended."));
            return ExitCodes.Ok;
        });

        var enable = new Command("enable", "Enable a disabled user again") { userArgument };
        enable.SetCliAction(async (context, token) =>
        {
            var user = await ResolveUserAsync(context, context.ParseResult.GetValue(userArgument)!, token);
            var enabled = await context.Client.Admin.EnableUserAsync(user.UserId, token);
            context.Output.Result(enabled, console => console.MarkupLine($"Enabled {Markup.Escape(enabled.Username)}; they can log in again."));
            return ExitCodes.Ok;
        });

        var resetMfa = new Command("reset-mfa", "Remove a user's authenticator and recovery codes; they log in with the master password and must enrol again") { userArgument };
        resetMfa.SetCliAction(async (context, token) =>
        {
            var user = await ResolveUserAsync(context, context.ParseResult.GetValue(userArgument)!, token);
            var reset = await context.Client.Admin.ResetMfaAsync(user.UserId, token);
            context.Output.Result(reset, console => console.MarkupLine($"Reset MFA of {Markup.Escape(reset.Username)}; they must enrol again (pm mfa enable)."));
            return ExitCodes.Ok;
        });

        var revoke = new Option<bool>("--revoke") { Description = "End every one of these sessions" };
        var sessions = new Command("sessions", "List a user's active sessions, or end them all with --revoke") { userArgument, revoke };
        sessions.SetCliAction(async (context, token) =>
        {
            var user = await ResolveUserAsync(context, context.ParseResult.GetValue(userArgument)!, token);
            if (context.ParseResult.GetValue(revoke))
            {
                var revoked = await context.Client.Admin.RevokeSessionsAsync(user.UserId, token);
                context.Output.Result(revoked, console => console.MarkupLine($"Ended {Plural.Of(revoked.RevokedSessions, "session", "sessions")} of {Markup.Escape(user.Username)}."));
                return ExitCodes.Ok;
            }

            var list = await context.Client.Admin.ListSessionsAsync(user.UserId, token);
            context.Output.Result(list, console =>
            {
                var table = new RecordTable("Session", "Device", "Type", "Created", "Last seen");
                foreach (var s in list.Items)
                    table.AddRow(s.SessionId.ToString(), Markup.Escape(s.DeviceName), s.DeviceType.ToString().ToLowerInvariant(), Local(s.CreatedAt), Local(s.LastSeenAt));
                table.WriteTo(console);
            });
            return ExitCodes.Ok;
        });

        var roleArgument = new Argument<string>("ROLE") { Description = "member, admin or owner" };
        var role = new Command("role", "Change a user's tenant role") { userArgument, roleArgument };
        role.SetCliAction(async (context, token) =>
        {
            var user = await ResolveUserAsync(context, context.ParseResult.GetValue(userArgument)!, token);
            var changed = await context.Client.Admin.ChangeRoleAsync(user.UserId, ParseRole(context.ParseResult.GetValue(roleArgument)!), token);
            context.Output.Result(changed, console => console.MarkupLine($"{Markup.Escape(changed.Username)} is now {Name(changed.Role)}."));
            return ExitCodes.Ok;
        });

        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation" };
        var delete = new Command("delete", "Delete a user and their vault data (blocked while they own or signed shared vaults others use)") { userArgument, yes };
        delete.SetCliAction(async (context, token) =>
        {
            var user = await ResolveUserAsync(context, context.ParseResult.GetValue(userArgument)!, token);
            if (!context.ParseResult.GetValue(yes)) Confirm(context.Output, $"This deletes {user.Username}, their sessions, API keys and personal vaults for good.", user.Username);
            var deleted = await context.Client.Admin.DeleteUserAsync(user.UserId, token);
            context.Output.Result(
                new { user.UserId, user.Username, deleted.DeletedVaults, deleted.LeftVaults, deleted.UsernameReservedUntil },
                console => console.MarkupLine($"Deleted {Markup.Escape(user.Username)} ({Plural.Of(deleted.DeletedVaults, "vault", "vaults")} deleted, {Plural.Of(deleted.LeftVaults, "shared vault", "shared vaults")} left)."));
            return ExitCodes.Ok;
        });

        return new Command("user", "Administer one user") { show, disable, enable, resetMfa, sessions, role, delete };
    }

    private static Command Invitations()
    {
        var tenant = new Option<string?>("--tenant") { Description = "Only this tenant (instance administrators)" };
        var invitations = new Command("invitations", "List unused tenant invitations (never their codes)") { tenant };
        invitations.SetCliAction(async (context, token) =>
        {
            var tenantId = context.ParseResult.GetValue(tenant) is { Length: > 0 } reference ? (await ResolveTenantAsync(context, reference, token)).TenantId : (Guid?)null;
            var list = await context.Client.Admin.ListInvitationsAsync(tenantId, token);
            context.Output.Result(list, console =>
            {
                var table = new RecordTable("Id", "Role", "Email", "Created", "Expires");
                foreach (var i in list.Items)
                    table.AddRow(i.InvitationId.ToString(), Name(i.Role), Markup.Escape(i.Email ?? "-"), Local(i.CreatedAt), Local(i.ExpiresAt));
                table.WriteTo(console);
            });
            return ExitCodes.Ok;
        });
        return invitations;
    }

    private static Command Invitation()
    {
        var id = new Argument<Guid>("INVITATION") { Description = "Invitation id, as listed by pm admin invitations" };
        var resend = new Command("resend", "Issue a new code for an invitation (the old code stops working); printed once") { id };
        resend.SetCliAction(async (context, token) =>
        {
            var resent = await context.Client.Admin.ResendInvitationAsync(context.ParseResult.GetValue(id), token);
            context.Output.Result(resent, console =>
            {
                console.MarkupLine($"New code for invitation {resent.Invitation.InvitationId} ({Name(resent.Invitation.Role)}), valid until {Local(resent.Invitation.ExpiresAt)}:");
                console.MarkupLine($"  {Markup.Escape(resent.Code)}");
                console.MarkupLine("Register with: pm register --invitation " + Markup.Escape(resent.Code));
            });
            return ExitCodes.Ok;
        });

        var cancel = new Command("cancel", "Cancel an invitation; its code stops working") { id };
        cancel.SetCliAction(async (context, token) =>
        {
            var invitationId = context.ParseResult.GetValue(id);
            await context.Client.Admin.CancelInvitationAsync(invitationId, token);
            context.Output.Result(new { invitationId, cancelled = true }, console => console.MarkupLine($"Cancelled invitation {invitationId}."));
            return ExitCodes.Ok;
        });

        return new Command("invitation", "Resend or cancel a tenant invitation") { resend, cancel };
    }

    private static Command Tenants()
    {
        var tenants = new Command("tenants", "List every tenant (instance administrators)");
        tenants.SetCliAction(async (context, token) =>
        {
            var items = await context.Client.Admin.ListAllTenantsAsync(token);
            context.Output.Result(new { items }, console =>
            {
                var table = new RecordTable("Name", "Users", "Status", "Created", "Id");
                foreach (var t in items)
                    table.AddRow(Markup.Escape(t.Name), t.Users.ToString(CultureInfo.InvariantCulture), t.Suspended ? "[red]suspended[/]" : "active", Local(t.CreatedAt), t.TenantId.ToString());
                table.WriteTo(console);
            });
            return ExitCodes.Ok;
        });
        return tenants;
    }

    private static Command Tenant()
    {
        var name = new Argument<string>("NAME") { Description = "Tenant name" };
        var ownerEmail = new Option<string>("--owner-email") { Description = "Email of the person who will own the tenant", Required = true };
        var create = new Command("create", "Create a tenant and print its owner's invitation code (shown once)") { name, ownerEmail };
        create.SetCliAction(async (context, token) =>
        {
            var created = await context.Client.Admin.CreateTenantAsync(context.ParseResult.GetValue(name)!, context.ParseResult.GetValue(ownerEmail)!, token);
            context.Output.Result(created, console =>
            {
                console.MarkupLine($"Created tenant [bold]{Markup.Escape(created.Tenant.Name)}[/] ({created.Tenant.TenantId}).");
                console.MarkupLine($"Owner invitation for {Markup.Escape(created.OwnerInvitation.Email)}, valid until {Local(created.OwnerInvitation.ExpiresAt)} (shown once):");
                console.MarkupLine($"  {Markup.Escape(created.OwnerInvitation.Code)}");
                console.MarkupLine("The owner registers with: pm register --invitation " + Markup.Escape(created.OwnerInvitation.Code));
            });
            return ExitCodes.Ok;
        });

        var newName = new Argument<string>("NEW_NAME") { Description = "The new name" };
        var rename = new Command("rename", "Rename a tenant") { tenantArgument, newName };
        rename.SetCliAction(async (context, token) =>
        {
            var tenant = await ResolveTenantAsync(context, context.ParseResult.GetValue(tenantArgument)!, token);
            var renamed = await context.Client.Admin.RenameTenantAsync(tenant.TenantId, context.ParseResult.GetValue(newName)!, token);
            context.Output.Result(renamed, console => console.MarkupLine($"Renamed {Markup.Escape(tenant.Name)} to {Markup.Escape(renamed.Name)}."));
            return ExitCodes.Ok;
        });

        var suspend = new Command("suspend", "Suspend a tenant: everyone's sessions end at once and logins are refused until unsuspended") { tenantArgument };
        suspend.SetCliAction(async (context, token) =>
        {
            var tenant = await ResolveTenantAsync(context, context.ParseResult.GetValue(tenantArgument)!, token);
            var suspended = await context.Client.Admin.SuspendTenantAsync(tenant.TenantId, token);
            context.Output.Result(suspended, console => console.MarkupLine($"Suspended {Markup.Escape(suspended.Name)}; {Plural.Of(suspended.Users, "user", "users")} logged out."));
            return ExitCodes.Ok;
        });

        var unsuspend = new Command("unsuspend", "Lift a tenant's suspension") { tenantArgument };
        unsuspend.SetCliAction(async (context, token) =>
        {
            var tenant = await ResolveTenantAsync(context, context.ParseResult.GetValue(tenantArgument)!, token);
            var active = await context.Client.Admin.UnsuspendTenantAsync(tenant.TenantId, token);
            context.Output.Result(active, console => console.MarkupLine($"{Markup.Escape(active.Name)} is active again."));
            return ExitCodes.Ok;
        });

        var deleteUsers = new Option<bool>("--delete-users") { Description = "Also delete its users (each by the rules of account deletion)" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation" };
        var delete = new Command("delete", "Delete a tenant (with users only with --delete-users)") { tenantArgument, deleteUsers, yes };
        delete.SetCliAction(async (context, token) =>
        {
            var tenant = await ResolveTenantAsync(context, context.ParseResult.GetValue(tenantArgument)!, token);
            var withUsers = context.ParseResult.GetValue(deleteUsers);
            if (!context.ParseResult.GetValue(yes))
                Confirm(context.Output, $"This deletes the tenant {tenant.Name}{(withUsers ? $" and its {Plural.Of(tenant.Users, "user", "users")} with their vaults" : "")} for good.", tenant.Name);
            var deleted = await context.Client.Admin.DeleteTenantAsync(tenant.TenantId, withUsers ? tenant.Name : null, token);
            context.Output.Result(deleted, console => console.MarkupLine($"Deleted tenant {Markup.Escape(tenant.Name)} ({Plural.Of(deleted.DeletedUsers, "user", "users")})."));
            return ExitCodes.Ok;
        });

        return new Command("tenant", "Administer one tenant (instance administrators)") { create, rename, suspend, unsuspend, delete };
    }

    private static async Task<AdminUser> ResolveUserAsync(CliContext context, string reference, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(reference, out var id)) return await context.Client.Admin.GetUserAsync(id, cancellationToken);
        var matches = await context.Client.Admin.ListAllUsersAsync(reference, cancellationToken: cancellationToken);
        return matches.SingleOrDefault(u => string.Equals(u.Username, reference.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new CliException(ExitCodes.NotFoundOrConflict, "auth.user_not_found", $"No user named {reference} that you administer. List them with: pm admin users");
    }

    /// <summary>A tenant id as given, or the id of the tenant with that name (listing tenants needs an instance administrator).</summary>
    internal static async Task<Guid> TenantIdAsync(CliContext context, string reference, CancellationToken cancellationToken) =>
        Guid.TryParse(reference, out var id) ? id : (await ResolveTenantAsync(context, reference, cancellationToken)).TenantId;

    private static async Task<AdminTenant> ResolveTenantAsync(CliContext context, string reference, CancellationToken cancellationToken)
    {
        var tenants = await context.Client.Admin.ListAllTenantsAsync(cancellationToken);
        var found = Guid.TryParse(reference, out var id)
            ? tenants.SingleOrDefault(t => t.TenantId == id)
            : tenants.SingleOrDefault(t => string.Equals(t.Name, reference.Trim(), StringComparison.OrdinalIgnoreCase));
        return found ?? throw new CliException(ExitCodes.NotFoundOrConflict, "auth.tenant_not_found", $"No tenant {reference}. List them with: pm admin tenants");
    }

    private static void WriteUser(IAnsiConsole console, AdminUser user)
    {
        var grid = new Grid().AddColumns(2);
        grid.AddRow("Username", Markup.Escape(user.Username));
        grid.AddRow("Id", user.UserId.ToString());
        grid.AddRow("Tenant", user.TenantId.ToString());
        grid.AddRow("Email", Markup.Escape(user.Email ?? "-"));
        grid.AddRow("Role", Name(user.Role));
        grid.AddRow("Created", Local(user.CreatedAt));
        grid.AddRow("Last sign-in", user.LastSignInAt is { } at ? Local(at) : "never");
        grid.AddRow("MFA", user.MfaEnabled ? "on" : "off");
        grid.AddRow("Active sessions", user.ActiveSessions.ToString(CultureInfo.InvariantCulture));
        grid.AddRow("Status", user.Disabled ? $"[red]disabled[/] since {Local(user.DisabledAt!.Value)}" : "active");
        console.Write(grid);
    }

    private static void Confirm(Output output, string warning, string name)
    {
        if (!Output.CanPrompt) throw CliException.Usage("This deletion needs a confirmation. Pass --yes when there is no terminal to ask on.");
        output.Stderr.MarkupLine($"[red]{Markup.Escape(warning)} Nothing can be recovered.[/]");
        var typed = output.Stderr.Prompt(new TextPrompt<string>($"Type {Markup.Escape(name)} to confirm:").AllowEmpty());
        if (!string.Equals(typed.Trim(), name, StringComparison.OrdinalIgnoreCase)) throw new CliException(ExitCodes.Cancelled, "cli.cancelled", "Not confirmed; nothing was deleted.");
    }

    private static TenantRole ParseRole(string role) => role.Trim().ToLowerInvariant() switch
    {
        "member" => TenantRole.Member,
        "admin" => TenantRole.Admin,
        "owner" => TenantRole.Owner,
        _ => throw CliException.Usage("ROLE is member, admin or owner."),
    };

    private static string Name(TenantRole role) => role.ToString().ToLowerInvariant();

    private static string Local(DateTimeOffset time) => time.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
