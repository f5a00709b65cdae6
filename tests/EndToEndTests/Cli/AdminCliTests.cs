using PasswordManager.EndToEndTests.Infrastructure;
using static PasswordManager.EndToEndTests.Cli.AccountLifecycleTests;

namespace PasswordManager.EndToEndTests.Cli;

/// <summary>
/// pm admin against a real server of its own whose instance administrator is this test's root user: a tenant is
/// created with an owner invitation, its owner registers with pm, hits the vault quota of the Free plan the tenant is
/// put on and is let through by a larger plan, is disabled (their pm is logged out at once and cannot log in), enabled
/// again, and the tenant is suspended and unsuspended.
/// </summary>
public sealed class AdminCliTests
{
    [Test]
    [CancelAfter(300_000)]
    public async Task AnInstanceAdministratorCreatesATenantAndDisablesAndEnablesItsOwner()
    {
        var work = Directory.CreateDirectory(Path.Combine(ServerFixture.WorkFolder, $"admin-{Guid.NewGuid():N}")).FullName;
        var rootName = TestUsers.NewUsername("root");
        await using var server = await ServerProcess.StartAsync(
            work, s3BlobStore: false, settings: new Dictionary<string, string> { ["Auth__InstanceAdministrators__0"] = rootName });
        var (rootPassword, _) = TestUsers.NewPassword();
        var (ownerPassword, _) = TestUsers.NewPassword();
        var ownerName = TestUsers.NewUsername("boss");
        var tenantName = $"Acme {Guid.NewGuid():N}"[..16];

        var root = await NewDeviceAsync(server, work);
        await Expect(0, root.RunAsync(["register", "-u", rootName], rootPassword, null));
        await Expect(0, root.RunAsync(["login", "-u", rootName], rootPassword, null));

        var created = await Expect(0, root.RunAsync("admin", "tenant", "create", tenantName, "--owner-email", "boss@acme.test", "--json"));
        var tenantId = created.GetProperty("tenant").GetProperty("tenantId").GetGuid();
        var code = created.GetProperty("ownerInvitation").GetProperty("code").GetString()!;
        var invitations = await root.RunAsync("admin", "invitations", "--tenant", tenantName, "--json");
        Assert.That(invitations.ExitCode, Is.Zero, invitations.ToString());
        Assert.That(invitations.Stdout, Does.Contain("\"owner\"").And.Contain("boss@acme.test").And.Not.Contain(code), "listed, never with its code");

        var owner = await NewDeviceAsync(server, work);
        var registered = await Expect(0, owner.RunAsync(["register", "-u", ownerName, "--invitation", code, "--json"], ownerPassword, null));
        Assert.That(registered.GetProperty("tenantId").GetGuid(), Is.EqualTo(tenantId));
        await Expect(0, owner.RunAsync(["login", "-u", ownerName], ownerPassword, null));
        await Expect(0, owner.RunAsync(["add", "--name", "Bank", "--entry-password-stdin"], ownerPassword, "s3cret\n"));
        var ownedUsers = await Expect(0, owner.RunAsync("admin", "users", "--json"));
        Assert.That(ownedUsers.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("username").GetString()), Is.EqualTo(new[] { ownerName }),
            "a tenant owner sees its own tenant only");
        await ExpectError(2, "auth.forbidden", owner.RunAsync("admin", "tenants", "--json"));

        // The tenant's plan decides what its users may write: over the limit a write is refused, a larger plan lifts it.
        await Expect(0, root.RunAsync("admin", "plan", "set", tenantName, "free", "--json"));
        await Expect(0, owner.RunAsync(["vault", "create", "Team", "--json"], ownerPassword, null));
        var overQuota = await ExpectError(2, "billing.quota_exceeded", owner.RunAsync(["vault", "create", "Family", "--json"], ownerPassword, null));
        Assert.That(overQuota.GetProperty("message").GetString(), Does.Contain("allows 2 (vaults)"), "the refusal names the limit");
        var usage = await Expect(0, root.RunAsync("admin", "usage", tenantName, "--json"));
        Assert.That(usage.GetProperty("usage").GetProperty("vaults").GetInt64(), Is.EqualTo(2), "the refused vault was not counted");
        await Expect(0, root.RunAsync("admin", "plan", "set", tenantName, "teams", "--json"));
        await Expect(0, owner.RunAsync(["vault", "create", "Family", "--json"], ownerPassword, null));

        var tenants = await Expect(0, root.RunAsync("admin", "tenants", "--json"));
        var listed = tenants.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("tenantId").GetGuid() == tenantId);
        Assert.That(listed.GetProperty("users").GetInt32(), Is.EqualTo(1));

        var disabled = await Expect(0, root.RunAsync("admin", "user", "disable", ownerName, "--json"));
        Assert.That(disabled.GetProperty("disabled").GetBoolean(), Is.True);
        var started = DateTimeOffset.UtcNow;
        var loggedOut = await owner.RunAsync(["whoami"], null, null);
        Assert.That(loggedOut.ExitCode, Is.EqualTo(2), loggedOut.ToString());
        // Depending on whether pm refreshes its token first, the server answers session_revoked or account_disabled; either way pm says why.
        Assert.That(loggedOut.Stderr, Does.Contain("administrator"), "the next command says why");
        TestContext.Out.WriteLine($"first command after the disable failed after {(DateTimeOffset.UtcNow - started).TotalMilliseconds:F0} ms (including pm start-up)");
        var refused = await ExpectError(2, "auth.account_disabled", owner.RunAsync(["login", "-u", ownerName, "--json"], ownerPassword, null));
        Assert.That(refused.GetProperty("message").GetString(), Does.Contain("disabled by an administrator"));
        var shown = await Expect(0, root.RunAsync("admin", "user", "show", ownerName, "--json"));
        Assert.That(shown.GetProperty("activeSessions").GetInt32(), Is.Zero);
        Assert.That(shown.GetProperty("disabled").GetBoolean(), Is.True);

        await Expect(0, root.RunAsync("admin", "user", "enable", ownerName, "--json"));
        await Expect(0, owner.RunAsync(["login", "-u", ownerName], ownerPassword, null));
        var entry = await Expect(0, owner.RunAsync(["get", "Bank", "--show-password", "--json"], ownerPassword, null));
        Assert.That(entry.GetProperty("password").GetString(), Is.EqualTo("s3cret"), "nothing of the account was lost");

        var sessions = await Expect(0, root.RunAsync("admin", "user", "sessions", ownerName, "--json"));
        Assert.That(sessions.GetProperty("items").GetArrayLength(), Is.EqualTo(1));
        await Expect(0, root.RunAsync("admin", "tenant", "suspend", tenantName, "--json"));
        var suspendedError = await ExpectError(2, "auth.", owner.RunAsync("whoami", "--json"));
        Assert.That(suspendedError.GetProperty("code").GetString(), Is.AnyOf("auth.session_revoked", "auth.tenant_suspended"));
        await ExpectError(2, "auth.tenant_suspended", owner.RunAsync(["login", "-u", ownerName, "--json"], ownerPassword, null));
        await Expect(0, root.RunAsync("admin", "tenant", "unsuspend", tenantName, "--json"));
        await Expect(0, owner.RunAsync(["login", "-u", ownerName], ownerPassword, null));
        await Expect(0, owner.RunAsync("whoami", "--json"));

        await ExpectError(4, "auth.tenant_not_empty", root.RunAsync("admin", "tenant", "delete", tenantName, "--yes", "--json"));
        var deleted = await Expect(0, root.RunAsync("admin", "tenant", "delete", tenantName, "--delete-users", "--yes", "--json"));
        Assert.That(deleted.GetProperty("deletedUsers").GetInt32(), Is.EqualTo(1));
        await ExpectError(4, "auth.user_not_found", root.RunAsync("admin", "user", "show", ownerName, "--json"));
    }

    private static async Task<PmCli> NewDeviceAsync(ServerProcess server, string work)
    {
        var pm = new PmCli(Path.Combine(work, $"cli-{Guid.NewGuid():N}"));
        await Expect(0, pm.RunAsync("config", "server", server.Address.ToString()));
        return pm;
    }
}
