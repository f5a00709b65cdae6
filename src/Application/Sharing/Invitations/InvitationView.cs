using Mediator;
using PasswordManager.Application.Contracts.Auth;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Sharing.Invitations;

namespace PasswordManager.Application.Sharing.Invitations;

/// <summary>
/// An invitation as an admin sees it. Status: <c>pending</c> (no account yet), <c>ready</c> (the invitee has
/// registered in the tenant: <see cref="InviteeUserId"/> is set and an admin can confirm), <c>accepted</c>.
/// </summary>
public sealed record InvitationView(
    Guid InvitationId, Guid VaultId, string Invitee, InvitationPermission Permission, DateTimeOffset? ExpiresAt, string Status, Guid? InviteeUserId,
    Guid InvitedBy, DateTimeOffset CreatedAt)
{
    public const string Pending = "pending";
    public const string Ready = "ready";
    public const string Accepted = "accepted";

    public static InvitationView Of(VaultInvitation invitation, Guid? registeredUser)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        var (status, user) = invitation.Status == InvitationStatus.Accepted
            ? (Accepted, invitation.AcceptedUserId?.Value)
            : registeredUser is { } id ? (Ready, id) : (Pending, (Guid?)null);
        return new(invitation.Id, invitation.VaultId, invitation.Invitee, invitation.Permission, invitation.ExpiresAt, status, user,
            invitation.InvitedBy.Value, invitation.CreatedAt);
    }

    /// <summary>Resolves which invitees have registered (one query for all of them) and builds the views.</summary>
    public static async Task<List<InvitationView>> OfAsync(ISender sender, TenantId tenant, IReadOnlyList<VaultInvitation> invitations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(invitations);
        var open = invitations.Where(i => i.Status == InvitationStatus.Pending).Select(i => i.Invitee).ToList();
        var registered = open.Count == 0
            ? new Dictionary<string, Guid>()
            : await sender.Send(new FindUsersByIdentifierQuery(tenant.Value, open), cancellationToken);
        return [.. invitations.Select(i => Of(i, registered.TryGetValue(i.Invitee, out var id) ? id : null))];
    }
}
