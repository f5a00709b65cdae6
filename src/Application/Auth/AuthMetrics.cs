using System.Diagnostics.Metrics;
using PasswordManager.Application.Common.Metrics;

namespace PasswordManager.Application.Auth;

public sealed class AuthMetrics
{
    private readonly Counter<long> logins;
    private readonly Counter<long> throttled;
    private readonly Counter<long> mails;
    private long outboxDepth;

    public AuthMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(ProductMeters.Auth);
        logins = meter.CreateCounter<long>("passwordmanager.auth.logins", description: "Login attempts by method and outcome.");
        throttled = meter.CreateCounter<long>("passwordmanager.auth.logins_throttled", description: "Logins refused while the account was throttled.");
        mails = meter.CreateCounter<long>("passwordmanager.auth.email_attempts", description: "Attempts to deliver an outbox mail, by outcome.");
        meter.CreateObservableGauge(
            "passwordmanager.auth.email_outbox_depth", () => Interlocked.Read(ref outboxDepth),
            description: "Mails waiting in the outbox (not sent, not given up), as the last outbox run counted them.");
    }

    /// <param name="method"><c>password</c>, <c>totp</c> or <c>recovery_code</c>.</param>
    /// <param name="outcome"><c>success</c>, <c>failure</c> or <c>mfa_required</c>.</param>
    public void Login(string method, string outcome) =>
        logins.Add(1, new KeyValuePair<string, object?>("method", method), new KeyValuePair<string, object?>("outcome", outcome));

    public void Throttled() => throttled.Add(1);

    /// <param name="outcome"><c>sent</c> or <c>failed</c>.</param>
    public void MailAttempt(string outcome) => mails.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void OutboxDepth(long depth) => Interlocked.Exchange(ref outboxDepth, depth);
}
