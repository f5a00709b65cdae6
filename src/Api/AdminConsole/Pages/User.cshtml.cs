using Mediator;
using Microsoft.AspNetCore.Mvc;
using PasswordManager.Application.Auth.Administration;
using PasswordManager.Application.Auth.Administration.Users.DeleteUser;
using PasswordManager.Application.Auth.Administration.Users.DisableUser;
using PasswordManager.Application.Auth.Administration.Users.EnableUser;
using PasswordManager.Application.Auth.Administration.Users.GetUser;
using PasswordManager.Application.Auth.Administration.Users.ListUserSessions;
using PasswordManager.Application.Auth.Administration.Users.ResetUserMfa;
using PasswordManager.Application.Auth.Administration.Users.RevokeUserSessions;

namespace PasswordManager.Api.AdminConsole.Pages;

/// <summary>One user and the actions on it, each the admin API's command (same checks, same security events).</summary>
internal sealed class UserModel(ISender sender) : ConsolePageModel(sender)
{
    private static readonly Dictionary<string, string> notices = new(StringComparer.Ordinal)
    {
        ["disabled"] = "The user is disabled; every session of theirs has ended.",
        ["enabled"] = "The user is enabled; they can log in again.",
        ["sessions-revoked"] = "Every session of the user has ended.",
        ["mfa-reset"] = "MFA is reset; the user logs in with the master password and enrols again.",
    };

    [FromRoute]
    public Guid Id { get; set; }

    public AdminUserView? Target { get; private set; }

    public IReadOnlyList<AdminSessionView> Sessions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken ct)
    {
        if (done is not null) Notice = notices.GetValueOrDefault(done);
        return await ShowAsync(ct);
    }

    public Task<IActionResult> OnPostDisableAsync(CancellationToken ct) =>
        ActAsync(async () => await Sender.Send(new DisableUserCommand(Actor, Id), ct), _ => Done("disabled"), () => ShowAsync(ct));

    public Task<IActionResult> OnPostEnableAsync(CancellationToken ct) =>
        ActAsync(async () => await Sender.Send(new EnableUserCommand(Actor, Id), ct), _ => Done("enabled"), () => ShowAsync(ct));

    public Task<IActionResult> OnPostRevokeSessionsAsync(CancellationToken ct) =>
        ActAsync(async () => await Sender.Send(new RevokeUserSessionsCommand(Actor, Id), ct), _ => Done("sessions-revoked"), () => ShowAsync(ct));

    public Task<IActionResult> OnPostResetMfaAsync(CancellationToken ct) =>
        ActAsync(async () => await Sender.Send(new ResetUserMfaCommand(Actor, Id), ct), _ => Done("mfa-reset"), () => ShowAsync(ct));

    public async Task<IActionResult> OnPostDeleteAsync(string? confirmUsername, CancellationToken ct)
    {
        var target = await Sender.Send(new GetUserQuery(Actor, Id), ct);
        if (target.IsFailure) return NotFound();
        if (!string.Equals(confirmUsername?.Trim(), target.Value.Username, StringComparison.OrdinalIgnoreCase))
        {
            ErrorMessage = "Type the username exactly to confirm the deletion.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync(ct);
        }

        return await ActAsync(async () => await Sender.Send(new DeleteUserCommand(Actor, Id), ct),
            _ => Redirect(AdminConsoleSetup.PathPrefix + "/users?deleted=true"), () => ShowAsync(ct));
    }

    private RedirectResult Done(string what) => Redirect($"{AdminConsoleSetup.PathPrefix}/users/{Id}?done={what}");

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        var user = await Sender.Send(new GetUserQuery(Actor, Id), ct);
        if (user.IsFailure)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            ErrorMessage = user.Error.Message;
            return Page();
        }

        Target = user.Value;
        var sessions = await Sender.Send(new ListUserSessionsQuery(Actor, Id), ct);
        if (sessions.IsSuccess) Sessions = sessions.Value.Items;
        return Page();
    }
}
