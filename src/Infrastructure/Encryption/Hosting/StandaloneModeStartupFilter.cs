using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace PasswordManager.Infrastructure.Encryption.Hosting;

/// <summary>
/// In standalone mode the binary is a tenant's own encryption service: only <c>/v1/*</c> and <c>/health/*</c>
/// answer, everything else (the core's API, docs) is 404 before any other middleware runs.
/// </summary>
internal sealed class StandaloneModeStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            var path = context.Request.Path;
            if (path.StartsWithSegments("/v1") || path.StartsWithSegments("/health"))
            {
                await nextMiddleware(context);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "application/problem+json";
            await context.Response.WriteAsync(
                """{"title":"Not found. This server runs as a standalone encryption service.","status":404,"code":"request.not_found"}""");
        });
        next(app);
    };
}
