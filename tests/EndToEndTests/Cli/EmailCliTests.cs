using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Web;
using OtpNet;
using PasswordManager.EndToEndTests.Infrastructure;
using static PasswordManager.EndToEndTests.Cli.AccountLifecycleTests;

namespace PasswordManager.EndToEndTests.Cli;

/// <summary>Email through pm against the real server and the real maildev: verify, hint by email, sign in by link on a new device.</summary>
public sealed partial class EmailCliTests
{
    private static readonly HttpClient MailDev = new() { BaseAddress = new Uri(E2eEnvironment.MailDevUrl) };

    [Test]
    [CancelAfter(240_000)]
    public async Task RegisterWithEmailVerifyGetTheHintAndSignInByLinkOnANewDevice()
    {
        var server = ServerFixture.Server.Address.ToString();
        var username = TestUsers.NewUsername("mail");
        var email = $"{username}@example.test";
        var (password, _) = TestUsers.NewPassword();
        var laptop = ServerFixture.NewCli();
        await Expect(0, laptop.RunAsync("config", "server", server));
        await Expect(0, laptop.RunAsync(["register", "-u", username, "--email", email, "--hint", "blue <bicycle>"], password, stdin: null));

        var verification = await WaitForMailAsync(email, "Confirm your email address");
        await Expect(0, laptop.RunAsync("email", "verify", TokenIn(verification), "--json"));

        await Expect(0, laptop.RunAsync("hint", "send", username, "--json"));
        var hint = await WaitForMailAsync(email, "Your password hint");
        Assert.That(hint.GetProperty("text").GetString(), Does.Contain("blue <bicycle>"));
        Assert.That(hint.GetProperty("html").GetString(), Does.Contain("blue &lt;bicycle&gt;"));

        var phone = ServerFixture.NewCli();
        await Expect(0, phone.RunAsync("config", "server", server));
        var requested = await Expect(0, phone.RunAsync("login", "--magic-link", email, "--json"));
        Assert.That(requested.GetProperty("linkRequested").GetBoolean(), Is.True);
        var link = await WaitForMailAsync(email, "Your sign-in link");
        var token = TokenIn(link);

        var stranger = ServerFixture.NewCli();
        await Expect(0, stranger.RunAsync("config", "server", server));
        await ExpectError(1, "cli.usage", stranger.RunAsync(["login", "--link-token", token, "--json"], password, stdin: null));

        await ExpectError(2, "cli.wrong_password", phone.RunAsync(["login", "--link-token", token, "--json"], "not the password", stdin: null));
        await Expect(0, phone.RunAsync("login", "--magic-link", email, "--json"));
        var second = await WaitForMailAsync(email, "Your sign-in link", count: 2);
        var signedIn = await Expect(0, phone.RunAsync(["login", "--link-token", TokenIn(second), "--json"], password, stdin: null));
        Assert.That(signedIn.GetProperty("username").GetString(), Is.EqualTo(username));
        var whoami = await Expect(0, phone.RunAsync("whoami", "--json"));
        Assert.That(whoami.GetProperty("username").GetString(), Is.EqualTo(username));
        await ExpectError(2, "auth.magic_link_invalid", phone.RunAsync(["login", "--magic-link", email, "--link-token", TokenIn(second), "--json"], password, stdin: null));

        await Expect(0, laptop.RunAsync(["login", "-u", username], password, stdin: null));
        var enrolment = await Expect(0, laptop.RunAsync(["mfa", "enable", "--json"], password, stdin: null));
        var secret = Base32Encoding.ToBytes(HttpUtility.ParseQueryString(new Uri(enrolment.GetProperty("otpauthUri").GetString()!).Query)["secret"]!);
        var step = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
        var confirmed = await Expect(0, laptop.RunAsync("mfa", "confirm", new Totp(secret).ComputeTotp(DateTime.UnixEpoch.AddSeconds(step * 30)), "--json"));
        var recovery = confirmed.GetProperty("recoveryCodes")[0].GetString()!;

        var tablet = ServerFixture.NewCli();
        await Expect(0, tablet.RunAsync("config", "server", server));
        await Expect(0, tablet.RunAsync("login", "--magic-link", email, "--json"));
        var third = await WaitForMailAsync(email, "Your sign-in link", count: 3);
        await ExpectError(2, "auth.mfa_required", tablet.RunAsync(["login", "--link-token", TokenIn(third), "--json"], password, stdin: null));
        await Expect(0, tablet.RunAsync("login", "--magic-link", email, "--json"));
        var fourth = await WaitForMailAsync(email, "Your sign-in link", count: 4);
        var withFactor = await Expect(0, tablet.RunAsync(["login", "--link-token", TokenIn(fourth), "--recovery-code", recovery, "--json"], password, stdin: null));
        Assert.That(withFactor.GetProperty("username").GetString(), Is.EqualTo(username));
    }

    /// <summary>Polls maildev until <paramref name="count"/> mails to the address with the subject arrived; returns the newest.</summary>
    private static async Task<JsonElement> WaitForMailAsync(string address, string subject, int count = 1)
    {
        for (var i = 0; i < 100; i++)
        {
            var all = await MailDev.GetFromJsonAsync<JsonElement>("/api/email");
            var matching = all.EnumerateArray()
                .Where(m => m.GetProperty("to").EnumerateArray().Any(t => t.GetProperty("address").GetString() == address)
                    && m.GetProperty("subject").GetString()!.Contains(subject, StringComparison.Ordinal))
                .OrderBy(m => m.GetProperty("time").GetDateTimeOffset())
                .ToList();
            if (matching.Count >= count) return matching[^1];
            await Task.Delay(200);
        }

        Assert.Fail($"no mail '{subject}' to {address}");
        return default;
    }

    private static string TokenIn(JsonElement mail)
    {
        var match = TokenPattern().Match(mail.GetProperty("text").GetString()!);
        Assert.That(match.Success, Is.True);
        return Uri.UnescapeDataString(match.Groups[1].Value);
    }

    [GeneratedRegex("#token=([A-Za-z0-9_%-]+)")]
    private static partial Regex TokenPattern();
}
