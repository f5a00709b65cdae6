using System.Text.Json;
using OtpNet;
using PasswordManager.EndToEndTests.Infrastructure;
using static PasswordManager.EndToEndTests.Cli.AccountLifecycleTests;

namespace PasswordManager.EndToEndTests.Cli;

/// <summary>
/// pm against the real server and the real OpenID Provider (oidc-provider from deploy/test.sh). pm opens the provider's
/// address with $BROWSER; here that is a small curl script that signs in as $PM_TEST_OIDC_ACCOUNT and follows the
/// redirects back to pm's loopback listener, as a browser would.
/// </summary>
public sealed class OidcCliTests
{
    private static readonly Lazy<string> BrowserScript = new(WriteBrowserScript);

    [Test]
    [CancelAfter(240_000)]
    public async Task RegisterWithTheProviderThenSignInWithItOnANewDeviceAndUnlock()
    {
        var server = ServerFixture.Server.Address.ToString();
        var username = TestUsers.NewUsername("oidc");
        var (password, _) = TestUsers.NewPassword();
        var idp = Browser(username);
        var laptop = ServerFixture.NewCli();
        await Expect(0, laptop.RunAsync("config", "server", server));
        await Expect(0, laptop.RunAsync(["register", "--oidc", "test", "-u", username], password, null, idp));

        var phone = ServerFixture.NewCli();
        await Expect(0, phone.RunAsync("config", "server", server));
        var signedIn = await Expect(0, phone.RunAsync(["login", "--oidc", "test", "--json"], password, null, idp));
        Assert.That(signedIn.GetProperty("username").GetString(), Is.EqualTo(username));
        await Expect(0, phone.RunAsync(["vault", "create", "Work", "--json"], password, null));
        var listed = await phone.RunAsync("oidc", "list", "--json");
        Assert.That(listed.ExitCode, Is.EqualTo(0), listed.ToString());
        var identities = JsonDocument.Parse(listed.Stdout).RootElement;
        Assert.That(identities.GetArrayLength(), Is.EqualTo(1));
        Assert.That(identities[0].GetProperty("subject").GetString(), Is.EqualTo(username));

        var wrongPassword = await phone.RunAsync(["login", "--oidc", "test", "--json"], TestUsers.NewPassword().Password, null, idp);
        Assert.That(wrongPassword.ExitCode, Is.EqualTo(2), wrongPassword.ToString());
        Assert.That(wrongPassword.Stdout + wrongPassword.Stderr, Does.Contain("cli.wrong_password"), "the provider never unlocks: the master password does");
    }

    [Test]
    [CancelAfter(240_000)]
    public async Task LinkAnIdentityToAnExistingAccountAndAnswerTheSecondFactorAfterTheProvider()
    {
        var server = ServerFixture.Server.Address.ToString();
        var username = TestUsers.NewUsername("link");
        var (password, _) = TestUsers.NewPassword();
        var idp = Browser(username);
        var laptop = ServerFixture.NewCli();
        await Expect(0, laptop.RunAsync("config", "server", server));
        await Expect(0, laptop.RunAsync(["register", "-u", username], password, null));
        await Expect(0, laptop.RunAsync(["login", "-u", username], password, null));

        var stranger = ServerFixture.NewCli();
        await Expect(0, stranger.RunAsync("config", "server", server));
        await ExpectError(2, "auth.oidc_identity_not_linked", stranger.RunAsync(["login", "--oidc", "test", "--json"], password, null, idp));

        await Expect(0, laptop.RunAsync(["oidc", "link", "test", "--json"], password, null, idp));
        var enrolment = await Expect(0, laptop.RunAsync(["mfa", "enable", "--json"], password, null));
        var secret = Base32Encoding.ToBytes(System.Web.HttpUtility.ParseQueryString(new Uri(enrolment.GetProperty("otpauthUri").GetString()!).Query)["secret"]!);
        var step = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
        var confirmed = await Expect(0, laptop.RunAsync("mfa", "confirm", new Totp(secret).ComputeTotp(DateTime.UnixEpoch.AddSeconds(step * 30)), "--json"));
        var recovery = confirmed.GetProperty("recoveryCodes")[0].GetString()!;

        var phone = ServerFixture.NewCli();
        await Expect(0, phone.RunAsync("config", "server", server));
        await ExpectError(2, "auth.mfa_required", phone.RunAsync(["login", "--oidc", "test", "--json"], password, null, idp));
        var signedIn = await Expect(0, phone.RunAsync(["login", "--oidc", "test", "--recovery-code", recovery, "--json"], password, null, idp));
        Assert.That(signedIn.GetProperty("username").GetString(), Is.EqualTo(username));
    }

    [Test]
    [CancelAfter(300_000)]
    public async Task ATenantPolicyForbiddingOidcIsRefused()
    {
        var work = Directory.CreateDirectory(Path.Combine(ServerFixture.WorkFolder, $"oidc-policy-{Guid.NewGuid():N}")).FullName;
        var adminName = TestUsers.NewUsername("admin");
        // A database of its own: the policy below changes the default tenant, which the shared server's users are in.
        await using var server = await ServerProcess.StartAsync(
            work, s3BlobStore: false, database: await TestDatabases.CreateAsync(),
            settings: new Dictionary<string, string> { ["Auth__InstanceAdministrators__0"] = adminName });
        var (password, _) = TestUsers.NewPassword();
        var admin = new PmCli(Path.Combine(work, "admin"));
        await Expect(0, admin.RunAsync("config", "server", server.Address.ToString()));
        await Expect(0, admin.RunAsync(["register", "-u", adminName, "--oidc", "test"], password, null, Browser(adminName)));
        await Expect(0, admin.RunAsync(["login", "--oidc", "test"], password, null, Browser(adminName)));

        await Expect(0, admin.RunAsync("admin", "entitlement", "set", "00000000-0000-0000-0000-000000000001", "oidc", "false", "--json"));

        var phone = new PmCli(Path.Combine(work, "phone"));
        await Expect(0, phone.RunAsync("config", "server", server.Address.ToString()));
        var refused = await ExpectError(2, "auth.sign_in_method_not_allowed", phone.RunAsync(["login", "--oidc", "test", "--json"], password, null, Browser(adminName)));
        Assert.That(refused.ValueKind, Is.EqualTo(JsonValueKind.Object));
        await Expect(0, phone.RunAsync(["login", "-u", adminName], password, null));
    }

    private static Dictionary<string, string> Browser(string account) => new()
    {
        ["BROWSER"] = BrowserScript.Value,
        ["PM_TEST_OIDC_ACCOUNT"] = account,
    };

    private static string WriteBrowserScript()
    {
        var path = Path.Combine(ServerFixture.WorkFolder, "oidc-browser.sh");
        File.WriteAllText(path, """
            #!/bin/sh
            # Follows the provider's redirects like a browser (cookies kept), signs in as $PM_TEST_OIDC_ACCOUNT on the
            # interaction pages and delivers the final redirect to pm's loopback listener.
            url="$1"; jar="$(mktemp)"; hops=0
            while [ "$hops" -lt 20 ]; do
              hops=$((hops + 1))
              next="$(curl -s -o /dev/null -w '%{redirect_url}' -b "$jar" -c "$jar" "$url")" || exit 1
              case "$next" in
                "") exit 1 ;;
                http://127.0.0.1:*/callback*) curl -s -o /dev/null "$next"; exit 0 ;;
                */interaction/*) url="$next?account=$PM_TEST_OIDC_ACCOUNT" ;;
                *) url="$next" ;;
              esac
            done
            exit 1
            """.Replace("\r", "", StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
