using PasswordManager.Client.Sdk.Http;
using PasswordManager.Client.Sdk.Sharing.Contracts;
using PasswordManager.Client.Sdk.Vault;
using PasswordManager.Client.Sdk.Vault.Contracts;

namespace PasswordManager.Client.Sdk.Sharing;

/// <summary>
/// The vault-membership, invitation and re-key endpoints as typed calls, no cryptography. The verified flows
/// (pinning, signing, checking every record) are in <see cref="SharingOperations"/>.
/// </summary>
public sealed class SharingApi
{
    private const string vaultsPath = "api/v1/vaults";

    private readonly ApiConnection connection;

    internal SharingApi(ApiConnection connection)
    {
        this.connection = connection;
    }

    public Task<MemberRecord> GrantAsync(Guid vaultId, GrantAccessRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<MemberRecord>(HttpMethod.Post, $"{vaultsPath}/{vaultId:D}/members", request, cancellationToken);

    public Task<MemberRecord> ChangePermissionAsync(Guid vaultId, Guid userId, ChangePermissionRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<MemberRecord>(HttpMethod.Put, $"{vaultsPath}/{vaultId:D}/members/{userId:D}", request, cancellationToken);

    public Task LeaveAsync(Guid vaultId, CancellationToken cancellationToken = default) => LeaveAsync(vaultId, history: null, cancellationToken);

    /// <summary><paramref name="history"/>: the leave's signed history record (base64), sent as <c>X-History-Record</c>.</summary>
    public Task LeaveAsync(Guid vaultId, string? history, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync(
            HttpMethod.Delete, $"{vaultsPath}/{vaultId:D}/members/me", body: null, cancellationToken,
            history is null ? null : request => request.Headers.Add(VaultApi.HistoryRecordHeader, history));

    /// <summary>One atomic re-key: 409 <c>vault.rekey_mismatch</c> when the entries or members are not exactly the vault's.</summary>
    public Task<RekeyOutcome> RekeyAsync(Guid vaultId, RekeyRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<RekeyOutcome>(HttpMethod.Post, $"{vaultsPath}/{vaultId:D}/rekey", request, cancellationToken);

    /// <summary>Opens a staged re-key; 409 <c>vault.rekey_session_open</c> (details: sessionId) when one is open already.</summary>
    public Task<RekeySessionState> OpenRekeySessionAsync(Guid vaultId, OpenRekeySessionRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<RekeySessionState>(HttpMethod.Post, $"{vaultsPath}/{vaultId:D}/rekey-sessions", request, cancellationToken);

    public Task<RekeySessionState> GetRekeySessionAsync(Guid vaultId, Guid sessionId, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<RekeySessionState>(HttpMethod.Get, $"{vaultsPath}/{vaultId:D}/rekey-sessions/{sessionId:D}", body: null, cancellationToken);

    public Task<UploadRekeyEntriesResult> UploadRekeyEntriesAsync(
        Guid vaultId, Guid sessionId, UploadRekeyEntriesRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<UploadRekeyEntriesResult>(
            HttpMethod.Put, $"{vaultsPath}/{vaultId:D}/rekey-sessions/{sessionId:D}/entries", request, cancellationToken);

    /// <summary>Streams one re-encrypted attachment (same attachment id) into the session.</summary>
    public Task<UploadRekeyAttachmentResult> UploadRekeyAttachmentAsync(
        Guid vaultId, Guid sessionId, Guid attachmentId, Stream body, long? length, CancellationToken cancellationToken = default)
    {
        var content = new StreamContent(body, 64 * 1024);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(AttachmentApi.MediaType);
        content.Headers.ContentLength = length;
        return connection.SendAuthorizedContentAsync<UploadRekeyAttachmentResult>(
            HttpMethod.Put, $"{vaultsPath}/{vaultId:D}/rekey-sessions/{sessionId:D}/attachments/{attachmentId:D}", content, cancellationToken);
    }

    public Task<RekeyOutcome> CommitRekeySessionAsync(Guid vaultId, Guid sessionId, CommitRekeySessionRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<RekeyOutcome>(HttpMethod.Post, $"{vaultsPath}/{vaultId:D}/rekey-sessions/{sessionId:D}/commit", request, cancellationToken);

    public Task AbortRekeySessionAsync(Guid vaultId, Guid sessionId, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync(HttpMethod.Delete, $"{vaultsPath}/{vaultId:D}/rekey-sessions/{sessionId:D}", body: null, cancellationToken);

    public Task<VaultInvitation> InviteAsync(Guid vaultId, InviteRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<VaultInvitation>(HttpMethod.Post, $"{vaultsPath}/{vaultId:D}/invitations", request, cancellationToken);

    public Task<InvitationList> ListInvitationsAsync(Guid vaultId, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<InvitationList>(HttpMethod.Get, $"{vaultsPath}/{vaultId:D}/invitations", body: null, cancellationToken);

    public Task CancelInvitationAsync(Guid vaultId, Guid invitationId, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync(HttpMethod.Delete, $"{vaultsPath}/{vaultId:D}/invitations/{invitationId:D}", body: null, cancellationToken);

    public Task<MemberRecord> ConfirmInvitationAsync(Guid vaultId, Guid invitationId, ConfirmInvitationRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<MemberRecord>(HttpMethod.Post, $"{vaultsPath}/{vaultId:D}/invitations/{invitationId:D}/confirm", request, cancellationToken);

    public Task<MyInvitationList> ListMyInvitationsAsync(CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<MyInvitationList>(HttpMethod.Get, "api/v1/vault-invitations", body: null, cancellationToken);

    /// <summary>The owner hands the vault to another active admin.</summary>
    public Task<VaultSummary> TransferOwnershipAsync(Guid vaultId, Guid userId, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<VaultSummary>(HttpMethod.Post, $"{vaultsPath}/{vaultId:D}/owner", new TransferOwnershipRequest(userId), cancellationToken);

    /// <summary>The entries a member fetched (the server's access log); 404 without a <c>vault.</c> code where the server keeps none.</summary>
    public Task<MemberExposure> GetExposureAsync(Guid vaultId, Guid userId, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<MemberExposure>(HttpMethod.Get, $"{vaultsPath}/{vaultId:D}/members/{userId:D}/exposure", body: null, cancellationToken);
}
