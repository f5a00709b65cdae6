using PasswordManager.Api.Common.Security;
using PasswordManager.Api.Vault.Archive.ExportVaults;
using PasswordManager.Api.Vault.Archive.ImportArchive;
using PasswordManager.Api.Vault.Attachments.DeleteAttachment;
using PasswordManager.Api.Vault.Attachments.GetAttachment;
using PasswordManager.Api.Vault.Attachments.GetAttachmentUrl;
using PasswordManager.Api.Vault.Attachments.ListAttachments;
using PasswordManager.Api.Vault.Attachments.ListVaultAttachments;
using PasswordManager.Api.Vault.Attachments.UploadAttachment;
using PasswordManager.Api.Vault.Entries.DeleteEntry;
using PasswordManager.Api.Vault.Entries.FetchEntries;
using PasswordManager.Api.Vault.Entries.GetEntry;
using PasswordManager.Api.Vault.Entries.GetEntryVersion;
using PasswordManager.Api.Vault.Entries.ListEntries;
using PasswordManager.Api.Vault.Entries.ListEntryVersions;
using PasswordManager.Api.Vault.Entries.UpsertEntry;
using PasswordManager.Api.Vault.Entries.WriteEntries;
using PasswordManager.Api.Vault.History.GetHistory;
using PasswordManager.Api.Vault.History.WriteCheckpoint;
using PasswordManager.Api.Vault.Members.ChangePermission;
using PasswordManager.Api.Vault.Members.GetExposure;
using PasswordManager.Api.Vault.Members.GrantAccess;
using PasswordManager.Api.Vault.Members.LeaveVault;
using PasswordManager.Api.Vault.Members.ListMembers;
using PasswordManager.Api.Vault.Members.RekeyVault;
using PasswordManager.Api.Vault.Members.TransferOwnership;
using PasswordManager.Api.Vault.RekeySessions.AbortRekeySession;
using PasswordManager.Api.Vault.RekeySessions.CommitRekeySession;
using PasswordManager.Api.Vault.RekeySessions.GetRekeySession;
using PasswordManager.Api.Vault.RekeySessions.OpenRekeySession;
using PasswordManager.Api.Vault.RekeySessions.UploadRekeyAttachment;
using PasswordManager.Api.Vault.RekeySessions.UploadRekeyEntries;
using PasswordManager.Api.Vault.Sync.SyncChanges;
using PasswordManager.Api.Vault.Vaults.CreateVault;
using PasswordManager.Api.Vault.Vaults.GetVault;
using PasswordManager.Api.Vault.Vaults.ListVaults;
using PasswordManager.Application.Contracts.Auth;
using PasswordManager.Application.Vault;

namespace PasswordManager.Api.Vault;

internal static class VaultEndpoints
{
    private const long SmallBodyLimit = 64 * 1024;
    private const long EntryBodyLimit = 2 * 1024 * 1024;
    private const long BatchBodyLimit = 16 * 1024 * 1024;
    private const long RekeyBodyLimit = 64 * 1024 * 1024;

    internal static IEndpointRouteBuilder MapVault(this IEndpointRouteBuilder app)
    {
        var importLimit = app.ServiceProvider.GetRequiredService<VaultPolicy>().MaxImportBytes;
        var attachmentLimit = app.ServiceProvider.GetRequiredService<VaultPolicy>().MaxAttachmentBytes;
        var vaults = app.MapGroup("/api/v1/vaults").WithTags("Vault").RequireAuthorization();
        vaults.MapCreateVault().WithMetadata(new RequestSizeLimitMetadata(SmallBodyLimit));
        vaults.MapListVaults().AllowApiKey(ApiKeyScope.Export);
        vaults.MapGetVault().AllowApiKey(ApiKeyScope.Export);
        vaults.MapUpsertEntry().WithMetadata(new RequestSizeLimitMetadata(EntryBodyLimit));
        vaults.MapDeleteEntry();
        vaults.MapGetEntry().AllowApiKey(ApiKeyScope.Export);
        vaults.MapListEntries().AllowApiKey(ApiKeyScope.Export);
        vaults.MapWriteEntries().WithMetadata(new RequestSizeLimitMetadata(BatchBodyLimit));
        vaults.MapFetchEntries().WithMetadata(new RequestSizeLimitMetadata(SmallBodyLimit)).AllowApiKey(ApiKeyScope.Export);
        vaults.MapListEntryVersions();
        vaults.MapGetEntryVersion();
        vaults.MapUploadAttachment().WithMetadata(new RequestSizeLimitMetadata(attachmentLimit));
        vaults.MapGetAttachment().AllowApiKey(ApiKeyScope.Export);
        vaults.MapGetAttachmentUrl();
        vaults.MapDeleteAttachment();
        vaults.MapListAttachments().AllowApiKey(ApiKeyScope.Export);
        vaults.MapListVaultAttachments().AllowApiKey(ApiKeyScope.Export);
        vaults.MapGrantAccess().WithMetadata(new RequestSizeLimitMetadata(SmallBodyLimit));
        vaults.MapListMembers();
        vaults.MapChangePermission().WithMetadata(new RequestSizeLimitMetadata(SmallBodyLimit));
        vaults.MapLeaveVault();
        vaults.MapGetExposure();
        vaults.MapTransferOwnership().WithMetadata(new RequestSizeLimitMetadata(SmallBodyLimit));
        vaults.MapRekeyVault().WithMetadata(new RequestSizeLimitMetadata(RekeyBodyLimit));
        vaults.MapOpenRekeySession().WithMetadata(new RequestSizeLimitMetadata(SmallBodyLimit));
        vaults.MapUploadRekeyEntries().WithMetadata(new RequestSizeLimitMetadata(BatchBodyLimit));
        vaults.MapUploadRekeyAttachment().WithMetadata(new RequestSizeLimitMetadata(attachmentLimit));
        vaults.MapGetRekeySession();
        vaults.MapCommitRekeySession().WithMetadata(new RequestSizeLimitMetadata(BatchBodyLimit));
        vaults.MapAbortRekeySession();
        vaults.MapGetHistory().AllowApiKey(ApiKeyScope.Export);
        vaults.MapWriteCheckpoint().WithMetadata(new RequestSizeLimitMetadata(BatchBodyLimit));

        app.MapGroup("/api/v1/sync").WithTags("Sync").RequireAuthorization().MapSyncChanges().AllowApiKey(ApiKeyScope.Export);

        var archive = app.MapGroup("/api/v1").WithTags("Export and import").RequireAuthorization();
        archive.MapExportVaults().AllowApiKey(ApiKeyScope.Export);
        archive.MapImportArchive().WithMetadata(new RequestSizeLimitMetadata(importLimit));
        return app;
    }
}
