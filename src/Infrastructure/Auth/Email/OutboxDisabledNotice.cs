using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PasswordManager.Infrastructure.Auth.Email;

/// <summary>Says once at start-up that this process sends no mail, so an operator who forgot the SMTP settings notices.</summary>
internal sealed partial class OutboxDisabledNotice(ILogger<EmailOutboxWorker> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogDisabled(logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "This process sends no mail (Email:Smtp:Host unset or Email:Outbox:Enabled false); queued mail waits in auth.email_outbox")]
    private static partial void LogDisabled(ILogger logger);
}
