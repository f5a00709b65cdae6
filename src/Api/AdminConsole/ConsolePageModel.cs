using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PasswordManager.Api.Common.Security;
using PasswordManager.Application.Auth.Administration;
using PasswordManager.Application.Billing;
using PasswordManager.Application.Common.Exceptions;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;

namespace PasswordManager.Api.AdminConsole;

/// <summary>
/// What every console page knows about its administrator (from the console cookie, re-checked against the stored
/// account on each request) and how it sends the same Mediator messages as the admin API.
/// </summary>
internal abstract class ConsolePageModel(ISender sender) : PageModel
{
    protected ISender Sender { get; } = sender;

    /// <summary>A message for the page (after an action, from the redirect's query), shown in a live region.</summary>
    public string? Notice { get; protected set; }

    public string? ErrorMessage { get; protected set; }

    public string Username => User.FindFirstValue("name") ?? "";

    public bool IsInstanceAdministrator => User.HasClaim(Policies.InstanceAdminClaim, "true");

    public Guid OwnTenantId => Guid.Parse(User.FindFirstValue("tid")!);

    protected AdminActor Actor => AdminConsoleSetup.Actor(User);

    /// <summary>The Billing caller exactly as <c>BillingCallers.Of</c> makes it for the admin API.</summary>
    protected BillingCaller BillingCaller => new(
        new UserId(Actor.UserId.Value), new TenantId(OwnTenantId),
        Enum.Parse<TenantRole>(User.FindFirstValue("role")!, ignoreCase: true) >= TenantRole.Admin, IsInstanceAdministrator);

    /// <summary>Sends an action; a refusal or invalid input becomes <see cref="ErrorMessage"/>, success the <paramref name="done"/> redirect.</summary>
    protected Task<IActionResult> ActAsync<T>(Func<Task<Result<T>>> action, Func<T, IActionResult> done, Func<Task<IActionResult>> showAgain) =>
        ActAsync(action, value => Task.FromResult(done(value)), showAgain);

    protected async Task<IActionResult> ActAsync<T>(Func<Task<Result<T>>> action, Func<T, Task<IActionResult>> done, Func<Task<IActionResult>> showAgain)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(done);
        ArgumentNullException.ThrowIfNull(showAgain);
        try
        {
            var result = await action();
            if (result.IsSuccess) return await done(result.Value);
            ErrorMessage = result.Error.Message;
        }
        catch (ValidationException invalid)
        {
            ErrorMessage = string.Join(" ", invalid.Errors.SelectMany(e => e.Value));
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await showAgain();
    }

    protected async Task<IActionResult> ActAsync(Func<Task<Result>> action, Func<IActionResult> done, Func<Task<IActionResult>> showAgain)
    {
        ArgumentNullException.ThrowIfNull(action);
        return await ActAsync(async () =>
        {
            var result = await action();
            return result.IsSuccess ? Result<bool>.Success(true) : result.Error;
        }, _ => done(), showAgain);
    }

    /// <summary>Runs a query from the page's filters; invalid filters become <see cref="ErrorMessage"/> and a 400, and null.</summary>
    protected async Task<T?> QueryAsync<T>(Func<Task<T>> query) where T : class
    {
        ArgumentNullException.ThrowIfNull(query);
        try
        {
            return await query();
        }
        catch (ValidationException invalid)
        {
            ErrorMessage = string.Join(" ", invalid.Errors.SelectMany(e => e.Value));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return null;
        }
    }

    /// <summary>A page for instance administrators only, shown to a tenant admin as a 403 page rather than a redirect.</summary>
    protected IActionResult InstanceAdministratorsOnly()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        ErrorMessage = "Only instance administrators see this page.";
        return Page();
    }
}
