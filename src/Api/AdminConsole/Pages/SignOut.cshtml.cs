using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace PasswordManager.Api.AdminConsole.Pages;

internal sealed class SignOutModel(ISender sender) : ConsolePageModel(sender)
{
    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(AdminConsoleSetup.Scheme);
        return Redirect(AdminConsoleSetup.PathPrefix + "/sign-in?signedOut=true");
    }
}
