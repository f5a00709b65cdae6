using PasswordManager.Api.Common.Security;
using PasswordManager.Api.Sharing.AccessLog.GetExposure;
using PasswordManager.Api.Sharing.Invitations.CancelInvitation;
using PasswordManager.Api.Sharing.Invitations.ConfirmInvitation;
using PasswordManager.Api.Sharing.Invitations.InviteToVault;
using PasswordManager.Api.Sharing.Invitations.ListInvitations;
using PasswordManager.Api.Sharing.Invitations.ListMyInvitations;

namespace PasswordManager.Api.Sharing;

internal static class SharingEndpoints
{
    private const long SmallBodyLimit = 64 * 1024;

    /// <summary>Routes, tags and operation names are those the endpoints had in the Vault module (ADR-0031).</summary>
    internal static IEndpointRouteBuilder MapSharing(this IEndpointRouteBuilder app)
    {
        var vaults = app.MapGroup("/api/v1/vaults").WithTags("Vault").RequireAuthorization();
        vaults.MapInviteToVault().WithMetadata(new RequestSizeLimitMetadata(SmallBodyLimit));
        vaults.MapListInvitations();
        vaults.MapCancelInvitation();
        vaults.MapConfirmInvitation().WithMetadata(new RequestSizeLimitMetadata(SmallBodyLimit));
        vaults.MapGetExposure();
        app.MapListMyInvitations();
        return app;
    }
}
