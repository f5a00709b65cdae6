using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using PasswordManager.Application.Auth.Administration.ConsoleAccess.OpenConsoleSession;

namespace PasswordManager.Api.AdminConsole.Pages;

/// <summary>Opens a console session from a <c>pm admin console</c> link; without one it explains how to get one.</summary>
internal sealed class SignInModel(ISender sender) : ConsolePageModel(sender)
{
    private const int MaxTokenLength = 100;

    public bool SignedOut { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? token, bool signedOut, CancellationToken ct)
    {
        SignedOut = signedOut;
        if (string.IsNullOrEmpty(token)) return Page();

        var opened = token.Length <= MaxTokenLength ? await Sender.Send(new OpenConsoleSessionCommand(token), ct) : null;
        if (opened is null || opened.IsFailure)
        {
            ErrorMessage = "This console link is invalid, expired or already used. Run `pm admin console` for a new one.";
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        await HttpContext.SignInAsync(AdminConsoleSetup.Scheme, AdminConsoleSetup.Principal(opened.Value));
        return Redirect(AdminConsoleSetup.PathPrefix);
    }
}
