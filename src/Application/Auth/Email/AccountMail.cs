using PasswordManager.Domain.Auth.Email;
using PasswordManager.Domain.Auth.Users;

namespace PasswordManager.Application.Auth.Email;

/// <summary>
/// Queues the Auth module's mails in the outbox without saving, so a mail commits in the same <c>SaveChangesAsync</c>
/// as the change that causes it. Only the verification mail goes to an unverified address.
/// </summary>
public sealed class AccountMail(IAuthDbContext db, EmailTemplates templates, AuthPolicy policy, TimeProvider clock)
{
    /// <summary>Starts verifying the account's (new) address: a fresh single-use code replaces any earlier one.</summary>
    public void SendVerification(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Email is null) return;
        var now = clock.GetUtcNow();
        var code = OpaqueToken.Generate();
        user.StartEmailVerification(OpaqueToken.Hash(code), now, policy.EmailVerificationLifetime);
        db.OutboxEmails.Add(OutboxEmail.Queue(user.Id, EmailTemplates.VerificationKind, user.Email, templates.Verification(user.Username, code), now));
    }

    public void SendPasswordHint(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var content = user.PasswordHint is null ? templates.NoPasswordHint(user.Username) : templates.PasswordHint(user.Username, user.PasswordHint);
        QueueToVerified(user, EmailTemplates.HintKind, content);
    }

    public void SendMagicLink(User user, string token, string deviceName)
    {
        ArgumentNullException.ThrowIfNull(user);
        QueueToVerified(user, EmailTemplates.MagicLinkKind, templates.MagicLink(user.Username, token, deviceName));
    }

    public void Notify(User user, string eventType, string? deviceName)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!EmailTemplates.Notifies(eventType)) return;
        QueueToVerified(user, EmailTemplates.NotificationKind, templates.Notification(user.Username, eventType, deviceName));
    }

    private void QueueToVerified(User user, string kind, EmailContent content)
    {
        if (!user.HasVerifiedEmail) return;
        db.OutboxEmails.Add(OutboxEmail.Queue(user.Id, kind, user.Email!, content, clock.GetUtcNow()));
    }
}
