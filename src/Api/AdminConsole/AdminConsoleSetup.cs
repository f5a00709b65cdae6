using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.RateLimiting;
using PasswordManager.Api.Common.Security;
using PasswordManager.Application.Auth.Administration;
using PasswordManager.Application.Auth.Administration.ConsoleAccess;
using PasswordManager.Application.Auth.Administration.ConsoleAccess.GetConsoleAdministrator;

namespace PasswordManager.Api.AdminConsole;

/// <summary>
/// The server-rendered admin console at <c>/admin</c> (ADR-0028): Razor Pages under AdminConsole/Pages, its own cookie
/// scheme that no API endpoint accepts, antiforgery on every form and strict security headers on every response.
/// </summary>
internal static class AdminConsoleSetup
{
    public const string PathPrefix = "/admin";
    public const string Scheme = "AdminConsole";
    public const string Policy = "admin-console";
    public const string SessionCookie = "pm_console";
    public const string AntiforgeryCookie = "pm_console_csrf";

    /// <summary>Marks a principal made by the console's cookie; access tokens and API keys never carry it.</summary>
    public const string ConsoleClaim = "console";

    public const string TenantNameClaim = "tenant_name";

    public static IServiceCollection AddAdminConsole(this IServiceCollection services, IConfiguration configuration)
    {
        var idleTimeout = configuration.GetValue("Console:IdleTimeout", TimeSpan.FromMinutes(15));
        services.AddRazorPages(pages =>
        {
            pages.RootDirectory = "/AdminConsole/Pages";
            pages.Conventions.AuthorizeFolder("/", Policy);
            pages.Conventions.AllowAnonymousToPage("/SignIn");
            pages.Conventions.AddPageApplicationModelConvention("/SignIn",
                page => page.EndpointMetadata.Add(new EnableRateLimitingAttribute(Policies.CredentialRateLimit)));
        });
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = AntiforgeryCookie;
            antiforgery.Cookie.Path = PathPrefix;
            antiforgery.Cookie.HttpOnly = true;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.SuppressXFrameOptionsHeader = true;
        });
        services.AddAuthentication().AddCookie(Scheme, cookie =>
        {
            cookie.Cookie.Name = SessionCookie;
            cookie.Cookie.Path = PathPrefix;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.ExpireTimeSpan = idleTimeout;
            cookie.SlidingExpiration = true;
            cookie.LoginPath = PathPrefix + "/sign-in";
            cookie.AccessDeniedPath = PathPrefix + "/sign-in";
            cookie.ReturnUrlParameter = "returnTo";
            cookie.Events.OnValidatePrincipal = RejectEndedSessionsAsync;
        });
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(Scheme)
            .RequireAuthenticatedUser()
            .RequireClaim(ConsoleClaim, "true"));
        return services;
    }

    public static IApplicationBuilder UseAdminConsoleHeaders(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments(PathPrefix, StringComparison.OrdinalIgnoreCase),
            console => console.Use(async (context, next) =>
            {
                context.Response.OnStarting(() =>
                {
                    var headers = context.Response.Headers;
                    headers.ContentSecurityPolicy = "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self'; "
                        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
                    headers.XFrameOptions = "DENY";
                    headers.CacheControl = "no-store";
                    headers.Pragma = "no-cache";
                    headers.XContentTypeOptions = "nosniff";
                    headers["Referrer-Policy"] = "no-referrer";
                    return Task.CompletedTask;
                });
                await next(context);
            }));

    public static IEndpointRouteBuilder MapAdminConsole(this IEndpointRouteBuilder app)
    {
        app.MapRazorPages();
        app.MapGet(PathPrefix + "/console.css", () => Results.Text(ConsoleAssets.Stylesheet, "text/css; charset=utf-8"))
            .ExcludeFromDescription().AllowAnonymous();
        return app;
    }

    /// <summary>The claims of a console session: the administrator, its tenant, role and device session, and nothing that opens a vault.</summary>
    public static ClaimsPrincipal Principal(ConsoleAdministratorView admin)
    {
        var claims = new List<Claim>
        {
            new("sub", admin.UserId.ToString()),
            new("tid", admin.TenantId.ToString()),
            new("sid", admin.SessionId.ToString()),
            new("role", admin.Role.ToString().ToLowerInvariant()),
            new("name", admin.Username),
            new(TenantNameClaim, admin.TenantName),
            new(ConsoleClaim, "true"),
        };
        if (admin.InstanceAdministrator) claims.Add(new Claim(Policies.InstanceAdminClaim, "true"));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme, "name", "role"));
    }

    public static AdminActor Actor(ClaimsPrincipal principal) =>
        new(new(Guid.Parse(principal.FindFirstValue("sub")!)), principal.HasClaim(Policies.InstanceAdminClaim, "true"));

    public static Guid SessionId(ClaimsPrincipal principal) => Guid.Parse(principal.FindFirstValue("sid")!);

    /// <summary>Every request re-checks the administrator and its device session, so a logout, revocation or demotion ends the console too.</summary>
    private static async Task RejectEndedSessionsAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is not { } principal || !principal.HasClaim(ConsoleClaim, "true"))
        {
            context.RejectPrincipal();
            return;
        }

        var sender = context.HttpContext.RequestServices.GetRequiredService<ISender>();
        var admin = await sender.Send(new GetConsoleAdministratorQuery(Actor(principal), SessionId(principal)), context.HttpContext.RequestAborted);
        if (admin.IsSuccess) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(Scheme);
    }
}
