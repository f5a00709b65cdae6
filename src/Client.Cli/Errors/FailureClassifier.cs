using System.Globalization;
using System.Net;
using System.Text.Json;
using PasswordManager.Client.Crypto;
using PasswordManager.Client.Crypto.History;
using PasswordManager.Client.Sdk;
using PasswordManager.Client.Sdk.Keys;
using PasswordManager.Client.Sdk.Sharing;
using PasswordManager.Client.Sdk.Vault;

namespace PasswordManager.Client.Cli.Errors;

/// <summary>Maps every failure to an exit code, a stable code and a message that says what to do next.</summary>
internal static class FailureClassifier
{
    public static CliFailure Classify(Exception exception, Uri? server, CancellationToken cancellationToken) => exception switch
    {
        CliException cli => new(cli.ExitCode, cli.Code, cli.Message),
        NotLoggedInException => Classify(CliException.NotLoggedIn(), server, cancellationToken),
        EntryConflictException conflict => new(
            ExitCodes.NotFoundOrConflict, ProblemCodes.StaleVersion, $"{conflict.Message} Nothing was written. Run: pm sync, then retry.", 409),
        KeyChangedException changed => KeyChanged(changed),
        VaultLockedException { InnerException: KeyChangedException changed } => KeyChanged(changed),
        VaultLockedException { InnerException: CryptoException or UntrustedAccessRecordException } refused => new(
            ExitCodes.UntrustedServer, "cli.untrusted_record", $"{refused.Message} The key was not used."),
        VaultLockedException locked => new(ExitCodes.NotAvailable, "cli.vault_locked", locked.Message),
        UntrustedAccessRecordException untrusted => new(
            ExitCodes.UntrustedServer, "cli.untrusted_record", $"{untrusted.Message} Nothing was used or signed."),
        EntryDeletedException deleted => new(ExitCodes.NotFoundOrConflict, "cli.entry_deleted", $"{deleted.Message} Run: pm sync."),
        // Found missing in the server's own answer: reported with the code the server gives the same condition.
        AttachmentNotFoundException missing => new(ExitCodes.NotFoundOrConflict, "vault.attachment_not_found", missing.Message, 404),
        MemberNotFoundException notMember => new(ExitCodes.NotFoundOrConflict, "vault.member_not_found", notMember.Message, 404),
        InvitationUnavailableException { NotReady: true } notReady => new(ExitCodes.NotFoundOrConflict, "vault.invitation_not_ready", notReady.Message, 409),
        InvitationUnavailableException unavailable => new(ExitCodes.NotFoundOrConflict, "vault.invitation_not_found", unavailable.Message, 404),
        PmApiException { Code: ProblemCodes.StaleKeyEpoch or ProblemCodes.StaleVersion } stale => new(
            ExitCodes.NotFoundOrConflict, stale.Code, $"{stale.Title} Run: pm sync, then retry.", (int)stale.Status),
        PmApiException problem => FromProblem(problem),
        HistoryVerificationException history => new(
            ExitCodes.UntrustedServer,
            "cli.history_rejected",
            $"The vault's signed history does not verify: {history.Message} Nothing was written to that vault; this device refuses to write to it "
                + "until a full sync verifies it again. The server may be malicious or restored from an old backup: tell its operator, and compare "
                + "the head code (pm vault status VAULT) with another member."),
        KdfParametersRejectedException rejected => new(
            ExitCodes.UntrustedServer,
            "cli.kdf_rejected",
            $"Refused the server's key-derivation parameters: {rejected.Message} Nothing was derived or sent. The server may be malicious or misconfigured."),
        CryptoException crypto => new(
            ExitCodes.UntrustedServer,
            "cli.untrusted_server",
            $"The server's key material failed verification: {crypto.Message} Do not use this server until its operator explains why."),
        OperationCanceledException when cancellationToken.IsCancellationRequested => new(ExitCodes.Cancelled, "cli.cancelled", "Cancelled."),
        OperationCanceledException => new(
            ExitCodes.ServerOrNetwork, "cli.timeout", $"The server at {server} did not answer in time. Try again, or check that it is running."),
        HttpRequestException { InnerException: System.Security.Authentication.AuthenticationException tls } => new(
            ExitCodes.ServerOrNetwork,
            "cli.tls_untrusted",
            $"The TLS connection to {server} was refused: {tls.Message} If the server uses a private CA, run: pm config server {server} --ca CA.pem"),
        HttpRequestException network => new(
            ExitCodes.ServerOrNetwork,
            "cli.unreachable",
            $"Cannot reach the server at {server}: {network.Message} Check the address (pm config server URL) and that the server is running."),
        JsonException or NotSupportedException => new(
            ExitCodes.ServerOrNetwork, "cli.unexpected_response", $"The server at {server} sent an answer pm does not understand. Is this a PasswordManager server?"),
        _ => new(ExitCodes.Internal, "cli.internal_error", $"Unexpected error ({exception.GetType().Name}): {exception.Message}"),
    };

    private static CliFailure KeyChanged(KeyChangedException changed)
    {
        var user = changed.Username ?? changed.UserId.ToString();
        return new(
            ExitCodes.UntrustedServer,
            "cli.key_changed",
            $"{changed.Message} Nothing was shared with or accepted from {user}. "
                + $"Run: pm fingerprint {user}, compare the safety number with {user} in person or by phone, then: pm trust {user}");
    }

    private static CliFailure FromProblem(PmApiException problem)
    {
        var status = (int)problem.Status;
        return problem.Status switch
        {
            HttpStatusCode.Unauthorized when problem.Code == ProblemCodes.InvalidCredentials =>
                new(ExitCodes.Auth, problem.Code, "The username or password is incorrect.", status),
            HttpStatusCode.Unauthorized when problem.Code == ProblemCodes.SessionRevoked => new(
                ExitCodes.Auth,
                problem.Code,
                "This device's session was ended (logged out, revoked by you or an administrator, or the master password was changed). Run: pm login",
                status),
            HttpStatusCode.Unauthorized =>
                new(ExitCodes.Auth, problem.Code, $"{problem.Title} Run: pm login", status),
            HttpStatusCode.Forbidden => new(ExitCodes.Auth, problem.Code, problem.Title, status),
            HttpStatusCode.BadRequest => new(ExitCodes.Usage, problem.Code, WithFieldErrors(problem), status, problem.Errors),
            HttpStatusCode.NotFound or HttpStatusCode.Conflict => new(ExitCodes.NotFoundOrConflict, problem.Code, problem.Title, status),
            HttpStatusCode.TooManyRequests when problem.RetryAfter is { } wait => new(
                ExitCodes.ServerOrNetwork,
                problem.Code,
                $"{RateLimitReason(problem)} try again in {Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture)} s.",
                status),
            HttpStatusCode.TooManyRequests =>
                new(ExitCodes.ServerOrNetwork, problem.Code, "Too many attempts. Wait a minute and try again.", status),
            _ => new(ExitCodes.ServerOrNetwork, problem.Code, $"{problem.Message} (HTTP {status}{TraceSuffix(problem)})", status),
        };
    }

    private static string RateLimitReason(PmApiException problem) =>
        problem.Code == ProblemCodes.LoginThrottled
            ? "Too many failed logins for this account:"
            : "Rate limited by the server:";

    private static string WithFieldErrors(PmApiException problem) =>
        problem.Errors.Count == 0
            ? problem.Message
            : problem.Title + Environment.NewLine + string.Join(
                Environment.NewLine, problem.Errors.SelectMany(field => field.Value.Select(message => $"  {field.Key}: {message}")));

    private static string TraceSuffix(PmApiException problem) => problem.TraceId is null ? "" : $", trace {problem.TraceId}";
}
