using Mediator;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.Archive;
using PasswordManager.Application.Vault.Archive.ExportVaults;

namespace PasswordManager.Api.Vault.Archive.ExportVaults;

internal static class ExportVaultsEndpoint
{
    internal static RouteHandlerBuilder MapExportVaults(this RouteGroupBuilder group) =>
        group.MapGet("/export", Handle)
            .WithName("Vault.ExportVaults")
            .WithSummary("Streams everything the caller can read, still encrypted, as NDJSON archive records (see the API guide).")
            .Produces(StatusCodes.Status200OK, contentType: ArchiveFormat.MediaType);

    private static IResult Handle(ICurrentUser user, ISender sender, HttpContext context)
    {
        var records = sender.CreateStream(new ExportVaultsQuery(user.Id), context.RequestAborted);
        var fileName = $"pm-export-{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}.ndjson";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        return Results.Stream(body => ArchiveFormat.WriteAsync(body, records, context.RequestAborted), ArchiveFormat.MediaType);
    }
}
