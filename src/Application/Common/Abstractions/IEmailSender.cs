namespace PasswordManager.Application.Common.Abstractions;

/// <summary>Delivers one mail now (SMTP in production). Use cases never call it: they queue mail in the outbox.</summary>
public interface IEmailSender
{
    /// <summary>Throws when the mail was not accepted; the outbox retries it later.</summary>
    Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken);
}

public sealed record OutgoingEmail(string To, string Subject, string Text, string Html);
