using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PasswordManager.Application.Auth;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Infrastructure.Auth.Persistence;

namespace PasswordManager.Infrastructure.Auth.Email;

/// <summary>Section <c>Email:Outbox</c>.</summary>
internal sealed class EmailOutboxOptions
{
    /// <summary>Whether this process sends queued mail (it also needs <c>Email:Smtp:Host</c>).</summary>
    public bool Enabled { get; set; } = true;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public int BatchSize { get; set; } = 20;

    /// <summary>How long a claimed mail stays with one process; longer than an SMTP timeout, so it is sent once.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The wait after the first failed attempt; it doubles with each further one.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Sends the outbox. Safe in many server processes: a batch of due mails is claimed with a lease taken by
/// <c>FOR UPDATE SKIP LOCKED</c>, so no two processes hold the same mail; a crashed process's lease expires and another
/// takes the mail over. A mail is marked sent only by its lease owner. Logs name a mail by id and kind, never its
/// address or body.
/// </summary>
internal sealed partial class EmailOutboxWorker(
    IServiceScopeFactory scopes, IEmailSender sender, EmailOutboxOptions options, AuthMetrics metrics, TimeProvider clock,
    ILogger<EmailOutboxWorker> logger)
    : BackgroundService
{
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RunOnceAsync(stoppingToken) == 0) await Task.Delay(options.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailure(logger, e);
                await Task.Delay(options.PollInterval, clock, stoppingToken);
            }
        }
    }

    /// <summary>Claims one batch of due mails and tries each once; returns how many were claimed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        var now = clock.GetUtcNow();
        var ids = await db.Database.SqlQuery<Guid>($"""
            UPDATE auth.email_outbox
               SET lease_owner = {Owner}, lease_expires_at = {now + options.LeaseDuration}
             WHERE id IN (SELECT id FROM auth.email_outbox
                           WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= {now}
                             AND (lease_expires_at IS NULL OR lease_expires_at < {now})
                           ORDER BY next_attempt_at
                           LIMIT {options.BatchSize}
                           FOR UPDATE SKIP LOCKED)
            RETURNING id AS "Value"
            """).ToListAsync(cancellationToken);

        foreach (var id in ids)
        {
            var mail = await db.OutboxEmails.SingleOrDefaultAsync(m => m.Id == id && m.LeaseOwner == Owner, cancellationToken);
            if (mail is null) continue;
            try
            {
                await sender.SendAsync(new(mail.ToAddress, mail.Subject, mail.TextBody, mail.HtmlBody), cancellationToken);
                mail.MarkSent(clock.GetUtcNow());
                metrics.MailAttempt("sent");
                LogSent(logger, mail.Id, mail.Kind);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                mail.MarkAttemptFailed(e.GetType().Name, clock.GetUtcNow(), options.RetryBaseDelay);
                metrics.MailAttempt("failed");
                LogAttemptFailed(logger, mail.Id, mail.Kind, mail.Attempts, e.GetType().Name);
            }

            await db.SaveChangesAsync(CancellationToken.None);
        }

        metrics.OutboxDepth(await db.OutboxEmails.LongCountAsync(m => m.SentAt == null && m.FailedAt == null, cancellationToken));
        return ids.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent mail {MailId} ({Kind})")]
    private static partial void LogSent(ILogger logger, Guid mailId, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending mail {MailId} ({Kind}) failed on attempt {Attempts}: {ErrorType}")]
    private static partial void LogAttemptFailed(ILogger logger, Guid mailId, string kind, int attempts, string errorType);

    [LoggerMessage(Level = LogLevel.Error, Message = "The email outbox worker failed; retrying after the poll interval")]
    private static partial void LogFailure(ILogger logger, Exception exception);
}
