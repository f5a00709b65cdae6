using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using PasswordManager.Client.Cli.Errors;
using PasswordManager.Client.Sdk;
using PasswordManager.Client.Sdk.Auth;
using PasswordManager.Client.Sdk.Auth.Contracts;
using Spectre.Console;

namespace PasswordManager.Client.Cli.Commands;

/// <summary>
/// The native-app flow of RFC 8252: pm listens on 127.0.0.1 on a free port, prints the provider's URL (and opens it with
/// <c>$BROWSER</c>, <c>xdg-open</c> or <c>open</c> when it can), takes the code the browser brings back and hands it to
/// the server, which exchanges and verifies it. Unlocking still needs the master password.
/// </summary>
internal static class OidcSignIn
{
    private static readonly TimeSpan BrowserTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Runs the provider part; the caller continues from the completed or refused <see cref="OidcLogin"/>.</summary>
    public static async Task<OidcLogin> AuthorizeAsync(CliContext context, string provider, DeviceInfo device, CancellationToken cancellationToken)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var redirectUri = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/callback";
            var login = await context.Output.StatusAsync("Starting the sign-in…", () => context.Client.Account.BeginOidcAsync(provider, redirectUri, device, cancellationToken));
            context.Output.Stderr.MarkupLine("Sign in with your provider in a browser (this device waits up to 5 minutes):");
            context.Output.Stderr.WriteLine(login.AuthorizationUrl.AbsoluteUri);
            OpenBrowser(login.AuthorizationUrl);

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(BrowserTimeout);
            var answer = await ReceiveAsync(listener, deadline.Token);
            if (answer.TryGetValue("error", out var error))
                throw new CliException(ExitCodes.Auth, "cli.oidc_refused", $"The provider refused the sign-in ({Clean(error)}).");
            if (!answer.TryGetValue("code", out var code) || !answer.TryGetValue("state", out var state))
                throw new CliException(ExitCodes.Auth, "cli.oidc_refused", "The browser came back without a code.");

            try
            {
                await context.Output.StatusAsync("Verifying the sign-in…", async () =>
                {
                    await login.CompleteAsync(code, state, cancellationToken);
                    return true;
                });
            }
            catch (InvalidOperationException wrongState)
            {
                throw new CliException(ExitCodes.Auth, "cli.oidc_refused", wrongState.Message);
            }
            catch (PmApiException handled) when (handled.Code is ProblemCodes.MfaRequired or ProblemCodes.OidcIdentityNotLinked)
            {
            }

            return login;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException(ExitCodes.Auth, "cli.oidc_timeout", "No answer from the browser within 5 minutes. Run the command again.");
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary><c>pm login --oidc</c>: the second factor when MFA is on, then the master password.</summary>
    public static async Task<UnlockedAccount> LoginAsync(
        CliContext context, string provider, DeviceInfo device, bool passwordStdin, string? mfaCode, string? recoveryCode, CancellationToken cancellationToken)
    {
        var output = context.Output;
        var login = await AuthorizeAsync(context, provider, device, cancellationToken);
        if (login.IdentityTicket is not null)
            throw new CliException(ExitCodes.Auth, ProblemCodes.OidcIdentityNotLinked,
                $"No account is linked to this {provider} identity. Create one with: pm register --oidc {provider} — or log in with your master password and run: pm oidc link {provider}");
        if (login.NeedsSecondFactor)
            await SignInCompletion.SecondFactorAsync(output, mfaCode, recoveryCode, "--oidc", factor => login.CompleteWithSecondFactorAsync(factor, cancellationToken));
        return await SignInCompletion.UnlockAsync(output, passwordStdin, password => login.UnlockAsync(password, cancellationToken), "");
    }

    /// <summary>The ticket of an identity no account is linked to yet (for register and link).</summary>
    public static async Task<(string Ticket, string? Email)> UnlinkedIdentityAsync(CliContext context, string provider, DeviceInfo device, CancellationToken cancellationToken)
    {
        var login = await AuthorizeAsync(context, provider, device, cancellationToken);
        return login.IdentityTicket is { } ticket
            ? (ticket, login.IdentityEmail)
            : throw new CliException(ExitCodes.NotFoundOrConflict, "auth.oidc_identity_already_linked", "This identity is already linked to an account.");
    }

    private static async Task<Dictionary<string, string>> ReceiveAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var connection = await listener.AcceptTcpClientAsync(cancellationToken);
            await using var stream = connection.GetStream();
            var requestLine = await ReadRequestLineAsync(stream, cancellationToken);
            var parts = requestLine.Split(' ');
            if (parts.Length < 2 || parts[0] != "GET" || !parts[1].StartsWith("/callback", StringComparison.Ordinal))
            {
                await RespondAsync(stream, "404 Not Found", "Not found.", cancellationToken);
                continue;
            }

            var query = parts[1].Contains('?', StringComparison.Ordinal) ? parts[1][(parts[1].IndexOf('?', StringComparison.Ordinal) + 1)..] : "";
            var values = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Split('=', 2))
                .GroupBy(p => Uri.UnescapeDataString(p[0]))
                .ToDictionary(g => g.Key, g => Uri.UnescapeDataString(g.First().ElementAtOrDefault(1) ?? "").Replace('+', ' '));
            await RespondAsync(stream, "200 OK", "Signed in with your provider. You can close this window and return to pm.", cancellationToken);
            return values;
        }
    }

    private static async Task<string> ReadRequestLineAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0) break;
            length += read;
            if (Encoding.ASCII.GetString(buffer, 0, length).Contains("\r\n\r\n", StringComparison.Ordinal)) break;
        }

        var text = Encoding.ASCII.GetString(buffer, 0, length);
        var end = text.IndexOf("\r\n", StringComparison.Ordinal);
        return end < 0 ? text : text[..end];
    }

    private static async Task RespondAsync(NetworkStream stream, string status, string message, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes($"<!doctype html><meta charset=\"utf-8\"><title>pm</title><p>{WebUtility.HtmlEncode(message)}</p>");
        var head = Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(head, cancellationToken);
        await stream.WriteAsync(body, cancellationToken);
    }

    private static void OpenBrowser(Uri url)
    {
        var candidates = Environment.GetEnvironmentVariable("BROWSER") is { Length: > 0 } browser
            ? [browser]
            : OperatingSystem.IsMacOS() ? ["open"] : OperatingSystem.IsWindows() ? ["explorer.exe"] : new[] { "xdg-open" };
        foreach (var candidate in candidates)
        {
            try
            {
                var start = new ProcessStartInfo(candidate) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
                start.ArgumentList.Add(url.AbsoluteUri);
                using var process = Process.Start(start);
                return;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // No browser here: the printed URL is the way.
            }
        }
    }

    private static string Clean(string text) => new([.. text.Where(c => c is >= ' ' and <= '~').Take(80)]);
}
