using PasswordManager.Domain.Common;

namespace PasswordManager.Domain.Auth.Email;

/// <summary>
/// A mail waiting to be sent, written in the same transaction as the event that causes it. A worker claims it with a
/// lease (<see cref="LeaseOwner"/> until <see cref="LeaseExpiresAt"/>), so only one server process sends it; a failed
/// attempt is retried later with exponential back-off. Once sent, the bodies are erased: a verification or sign-in
/// link must not outlive its delivery in the database.
/// </summary>
public sealed class OutboxEmail
{
    public const int MaxAttempts = 8;

    private OutboxEmail() { }

    public Guid Id { get; private set; }
    public UserId UserId { get; private set; }

    /// <summary>Which template produced it (e.g. <c>email_verification</c>); logged instead of the content.</summary>
    public string Kind { get; private set; } = null!;
    public string ToAddress { get; private set; } = null!;
    public string Subject { get; private set; } = null!;
    public string TextBody { get; private set; } = null!;
    public string HtmlBody { get; private set; } = null!;
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public int Attempts { get; private set; }
    public string? LeaseOwner { get; private set; }
    public DateTimeOffset? LeaseExpiresAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public DateTimeOffset? FailedAt { get; private set; }

    /// <summary>The SMTP error of the last attempt (its type and status only, never the message).</summary>
    public string? LastError { get; private set; }

    public static OutboxEmail Queue(UserId user, string kind, string toAddress, EmailContent content, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new OutboxEmail
        {
            Id = Guid.CreateVersion7(now),
            UserId = user,
            Kind = kind,
            ToAddress = toAddress,
            Subject = content.Subject,
            TextBody = content.Text,
            HtmlBody = content.Html,
            CreatedAt = now,
            NextAttemptAt = now,
        };
    }

    public void MarkSent(DateTimeOffset now) =>
        (SentAt, LeaseOwner, LeaseExpiresAt, TextBody, HtmlBody, LastError) = (now, null, null, "", "", null);

    /// <summary>Schedules the next attempt after 2^attempts × <paramref name="baseDelay"/>; gives up after <see cref="MaxAttempts"/>.</summary>
    public void MarkAttemptFailed(string error, DateTimeOffset now, TimeSpan baseDelay)
    {
        Attempts++;
        LastError = error.Length > 200 ? error[..200] : error;
        (LeaseOwner, LeaseExpiresAt) = (null, null);
        if (Attempts >= MaxAttempts)
        {
            (FailedAt, TextBody, HtmlBody) = (now, "", "");
            return;
        }

        NextAttemptAt = now + baseDelay * Math.Pow(2, Attempts - 1);
    }
}

/// <summary>A rendered mail: a subject, a plain-text body and an HTML body saying the same.</summary>
public sealed record EmailContent(string Subject, string Text, string Html);
