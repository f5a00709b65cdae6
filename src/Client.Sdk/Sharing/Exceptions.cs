namespace PasswordManager.Client.Sdk.Sharing;

/// <summary>The vault's member list, as the server answered it, does not name that user: nothing was changed.</summary>
public sealed class MemberNotFoundException : Exception
{
    public MemberNotFoundException()
        : base("No such member.")
    {
    }

    public MemberNotFoundException(string message)
        : base(message)
    {
    }

    public MemberNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MemberNotFoundException(Guid vaultId, Guid userId)
        : base($"User {userId} is not a member of vault {vaultId}.")
    {
        (VaultId, UserId) = (vaultId, userId);
    }

    public Guid VaultId { get; }

    public Guid UserId { get; }
}

/// <summary>
/// The vault's open invitations, as the server listed them, do not include that one (<see cref="NotReady"/> false), or it
/// is there but its invitee has not registered yet, so there is no key to wrap for them (<see cref="NotReady"/> true).
/// </summary>
public sealed class InvitationUnavailableException : Exception
{
    public InvitationUnavailableException()
        : base("The invitation cannot be confirmed.")
    {
    }

    public InvitationUnavailableException(string message)
        : base(message)
    {
    }

    public InvitationUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InvitationUnavailableException(Guid vaultId, Guid invitationId, bool notReady, string message)
        : base(message)
    {
        (VaultId, InvitationId, NotReady) = (vaultId, invitationId, notReady);
    }

    public Guid VaultId { get; }

    public Guid InvitationId { get; }

    public bool NotReady { get; }
}
