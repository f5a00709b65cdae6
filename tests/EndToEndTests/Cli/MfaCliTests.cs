using System.Web;
using OtpNet;
using PasswordManager.EndToEndTests.Infrastructure;
using static PasswordManager.EndToEndTests.Cli.AccountLifecycleTests;

namespace PasswordManager.EndToEndTests.Cli;

/// <summary>TOTP through pm against the real server, with codes computed from the otpauth URI as an authenticator app would.</summary>
public sealed class MfaCliTests
{
    [Test]
    [CancelAfter(240_000)]
    public async Task EnableLogInWithCodesAndRecoveryCodesThenDisable()
    {
        var server = ServerFixture.Server.Address.ToString();
        var username = TestUsers.NewUsername("mfa");
        var (password, _) = TestUsers.NewPassword();
        var laptop = ServerFixture.NewCli();
        await Expect(0, laptop.RunAsync("config", "server", server));
        await Expect(0, laptop.RunAsync(["register", "-u", username], password, stdin: null));
        await Expect(0, laptop.RunAsync(["login", "-u", username, "--json"], password, stdin: null));

        var enrolment = await Expect(0, laptop.RunAsync(["mfa", "enable", "--json"], password, stdin: null));
        Assert.That(enrolment.GetProperty("confirmed").GetBoolean(), Is.False);
        var uri = new Uri(enrolment.GetProperty("otpauthUri").GetString()!);
        Assert.That(uri.Scheme, Is.EqualTo("otpauth"));
        var secret = Base32Encoding.ToBytes(HttpUtility.ParseQueryString(uri.Query)["secret"]!);
        var human = await laptop.RunAsync(["mfa", "status"], password, stdin: null);
        Assert.That(human.Stdout, Does.Contain("pending"), human.ToString());

        var step = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
        var confirmed = await Expect(0, laptop.RunAsync("mfa", "confirm", Code(secret, step), "--json"));
        var recoveryCodes = confirmed.GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.That(recoveryCodes, Has.Count.EqualTo(10));
        var status = await Expect(0, laptop.RunAsync("mfa", "status", "--json"));
        Assert.That(status.GetProperty("enabled").GetBoolean(), Is.True);

        var phone = ServerFixture.NewCli();
        await Expect(0, phone.RunAsync("config", "server", server));
        await ExpectError(2, "auth.mfa_required", phone.RunAsync(["login", "-u", username, "--json"], password, stdin: null));
        var code = Code(secret, step + 1);
        var onPhone = await Expect(0, phone.RunAsync(["login", "-u", username, "--mfa-code", code, "--json"], password, stdin: null));
        Assert.That(onPhone.GetProperty("username").GetString(), Is.EqualTo(username));
        await Expect(0, phone.RunAsync("whoami", "--json"));

        var tablet = ServerFixture.NewCli();
        await Expect(0, tablet.RunAsync("config", "server", server));
        await ExpectError(2, "auth.mfa_code_invalid", tablet.RunAsync(["login", "-u", username, "--mfa-code", code, "--json"], password, stdin: null));
        var recovered = await tablet.RunAsync(["login", "-u", username, "--recovery-code", recoveryCodes[0]], password, stdin: null);
        Assert.That(recovered.ExitCode, Is.Zero, recovered.ToString());
        Assert.That(recovered.Stdout, Does.Contain("9").And.Contain("left"), recovered.ToString());
        await Expect(0, tablet.RunAsync("logout"));
        var again = await Expect(0, tablet.RunAsync(["login", "-u", username, "--recovery-code", recoveryCodes[1], "--json"], password, stdin: null));
        Assert.That(again.GetProperty("recoveryCodesRemaining").GetInt32(), Is.EqualTo(8));
        var desktop = ServerFixture.NewCli();
        await Expect(0, desktop.RunAsync("config", "server", server));
        await ExpectError(2, "auth.mfa_code_invalid", desktop.RunAsync(["login", "-u", username, "--recovery-code", recoveryCodes[0], "--json"], password, stdin: null));

        var log = await Expect(0, laptop.RunAsync("security-log", "--json"));
        var types = log.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.That(types, Does.Contain("mfa_enabled").And.Contain("login_with_mfa").And.Contain("recovery_code_used"));
        var table = await laptop.RunAsync("security-log");
        Assert.That(table.Stdout, Does.Contain("recovery_code_used").And.Contain("remaining=8").And.Contain("mfa_enabled"), table.ToString());

        var (newPassword, _) = TestUsers.NewPassword();
        await ExpectError(1, "cli.usage", laptop.RunAsync(["passwd", "--password-stdin", "--json"], null, $"{password}\n{newPassword}\n"));
        var changed = await Expect(0, laptop.RunAsync(
            ["passwd", "--password-stdin", "--recovery-code", recoveryCodes[3], "--json"], null, $"{password}\n{newPassword}\n"));
        Assert.That(changed.GetProperty("revokedSessions").GetInt32(), Is.EqualTo(2), "the phone's and the tablet's sessions");
        await ExpectError(2, "auth.session_expired", phone.RunAsync("whoami", "--json"));
        password = newPassword;

        await ExpectError(2, "auth.wrong_master_password", laptop.RunAsync(["mfa", "disable", "--recovery-code", recoveryCodes[2], "--json"], "not the password", stdin: null));
        await Expect(0, laptop.RunAsync(["mfa", "disable", "--recovery-code", recoveryCodes[2], "--json"], password, stdin: null));
        var off = await Expect(0, laptop.RunAsync("mfa", "status", "--json"));
        Assert.That(off.GetProperty("enabled").GetBoolean(), Is.False);
        await Expect(0, phone.RunAsync(["login", "-u", username, "--json"], password, stdin: null));
    }

    private static string Code(byte[] secret, long step) => new Totp(secret).ComputeTotp(DateTime.UnixEpoch.AddSeconds(step * 30));
}
