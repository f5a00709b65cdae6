using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.Members.RekeyVault;
using PasswordManager.Application.Vault.RekeySessions;
using PasswordManager.Application.Vault.RekeySessions.AbortRekeySession;
using PasswordManager.Application.Vault.RekeySessions.CommitRekeySession;
using PasswordManager.Application.Vault.RekeySessions.GetRekeySession;
using PasswordManager.Application.Vault.RekeySessions.OpenRekeySession;
using PasswordManager.Application.Vault.RekeySessions.UploadRekeyAttachment;
using PasswordManager.Application.Vault.RekeySessions.UploadRekeyEntries;
using PasswordManager.Domain.Vault;

namespace PasswordManager.Api.Vault.RekeySessions;

internal sealed record OpenRekeySessionRequest(long FromKeyEpoch, IReadOnlyList<Guid>? Revoke);

internal sealed record UploadRekeyEntriesRequest(IReadOnlyList<StagedEntryUpload>? Entries);

internal sealed record CommitRekeySessionRequest(IReadOnlyList<RekeyedMember>? Members, string? EncryptedMetadata);

/// <summary>Staged re-key sessions (docs/api-guide.md, "Re-key sessions"): one use case per endpoint, mapped together.</summary>
internal static class RekeySessionEndpoints
{
    private const string Session = "/{vaultId:guid}/rekey-sessions/{sessionId:guid}";

    internal static RouteHandlerBuilder MapOpenRekeySession(this RouteGroupBuilder group) =>
        group.MapPost("/{vaultId:guid}/rekey-sessions", OpenAsync)
            .WithName("Vault.OpenRekeySession")
            .WithSummary("An admin starts a staged re-key (large vaults, attachments): one open session per vault.")
            .ProducesErrors(typeof(VaultNotFound), typeof(AdminForbidden), typeof(StaleKeyEpoch), typeof(MemberNotFound), typeof(SoleAdmin), typeof(OwnerProtected), typeof(RekeySessionOpen));

    internal static RouteHandlerBuilder MapUploadRekeyEntries(this RouteGroupBuilder group) =>
        group.MapPut(Session + "/entries", UploadEntriesAsync)
            .WithName("Vault.UploadRekeyEntries")
            .WithSummary("Stages a batch of entries re-encrypted under the new key (again: replaces; null ciphertext: unstages).")
            .ProducesErrors(typeof(VaultNotFound), typeof(AdminForbidden), typeof(RekeySessionNotFound));

    internal static RouteHandlerBuilder MapUploadRekeyAttachment(this RouteGroupBuilder group) =>
        group.MapPut(Session + "/attachments/{attachmentId:guid}", UploadAttachmentAsync)
            .WithName("Vault.UploadRekeyAttachment")
            .WithSummary("Stages a live attachment's body re-encrypted under the new key (application/octet-stream, streamed).")
            .ProducesErrors(typeof(VaultNotFound), typeof(AdminForbidden), typeof(RekeySessionNotFound), typeof(AttachmentNotFound), typeof(AttachmentEmpty), typeof(AttachmentTooLarge))
            .Accepts<Stream>("application/octet-stream");

    internal static RouteHandlerBuilder MapGetRekeySession(this RouteGroupBuilder group) =>
        group.MapGet(Session, GetAsync)
            .WithName("Vault.GetRekeySession")
            .WithSummary("A session's state: what is staged so far, to resume after an interruption.")
            .ProducesErrors(typeof(VaultNotFound), typeof(AdminForbidden), typeof(RekeySessionNotFound));

    internal static RouteHandlerBuilder MapCommitRekeySession(this RouteGroupBuilder group) =>
        group.MapPost(Session + "/commit", CommitAsync)
            .WithName("Vault.CommitRekeySession")
            .WithSummary("Applies the staged re-key in one transaction (same result and checks as /rekey); on a mismatch nothing changes and the session stays open.")
            .ProducesErrors(typeof(VaultNotFound), typeof(AdminForbidden), typeof(StaleKeyEpoch), typeof(MemberNotFound), typeof(SoleAdmin), typeof(OwnerProtected), typeof(RekeyMismatch), typeof(RekeySessionNotFound));

    internal static RouteHandlerBuilder MapAbortRekeySession(this RouteGroupBuilder group) =>
        group.MapDelete(Session, AbortAsync)
            .WithName("Vault.AbortRekeySession")
            .WithSummary("Drops the session and everything staged in it.")
            .ProducesErrors(typeof(VaultNotFound), typeof(AdminForbidden), typeof(RekeySessionNotFound));

    private static async Task<Results<Created<RekeySessionState>, ProblemHttpResult>> OpenAsync(
        Guid vaultId, OpenRekeySessionRequest request, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new OpenRekeySessionCommand(user.Id, vaultId, request.FromKeyEpoch, request.Revoke ?? []), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Created($"/api/v1/vaults/{vaultId}/rekey-sessions/{result.Value.SessionId}", result.Value);
    }

    private static async Task<Results<Ok<UploadRekeyEntriesResult>, ProblemHttpResult>> UploadEntriesAsync(
        Guid vaultId, Guid sessionId, UploadRekeyEntriesRequest request, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new UploadRekeyEntriesCommand(user.Id, vaultId, sessionId, request.Entries ?? []), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }

    private static async Task<Results<Ok<UploadRekeyAttachmentResult>, ProblemHttpResult>> UploadAttachmentAsync(
        Guid vaultId, Guid sessionId, Guid attachmentId, HttpRequest request, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new UploadRekeyAttachmentCommand(user.Id, vaultId, sessionId, attachmentId, request.Body), ct);
        if (result.IsFailure) return result.Error.ToProblem();

        return TypedResults.Ok(result.Value);
    }

    private static async Task<Results<Ok<RekeySessionState>, ProblemHttpResult>> GetAsync(
        Guid vaultId, Guid sessionId, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new GetRekeySessionQuery(user.Id, vaultId, sessionId), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }

    private static async Task<Results<Ok<RekeyVaultResult>, ProblemHttpResult>> CommitAsync(
        Guid vaultId, Guid sessionId, CommitRekeySessionRequest request, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new CommitRekeySessionCommand(user.Id, vaultId, sessionId, request.Members ?? [], request.EncryptedMetadata), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> AbortAsync(
        Guid vaultId, Guid sessionId, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new AbortRekeySessionCommand(user.Id, vaultId, sessionId), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.NoContent();
    }
}
