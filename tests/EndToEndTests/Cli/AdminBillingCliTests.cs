using PasswordManager.EndToEndTests.Infrastructure;
using static PasswordManager.EndToEndTests.Cli.AccountLifecycleTests;

namespace PasswordManager.EndToEndTests.Cli;

/// <summary>pm admin plans | plan set | usage | flag set | flags against a real server: a plan is set, a user hits its quota, a larger plan lifts it.</summary>
public sealed class AdminBillingCliTests
{
    private const string DefaultTenant = "00000000-0000-0000-0000-000000000001";

    [Test]
    [CancelAfter(300_000)]
    public async Task AnAdminSetsAPlanAUserHitsItsQuotaAndALargerPlanLiftsIt()
    {
        var work = Directory.CreateDirectory(Path.Combine(ServerFixture.WorkFolder, $"billing-{Guid.NewGuid():N}")).FullName;
        var adminName = TestUsers.NewUsername("admin");
        await using var server = await ServerProcess.StartAsync(
            work, s3BlobStore: false, settings: new Dictionary<string, string> { ["Auth__InstanceAdministrators__0"] = adminName });
        var (adminPassword, _) = TestUsers.NewPassword();
        var (userPassword, _) = TestUsers.NewPassword();
        var admin = await NewDeviceAsync(server, work);
        await Expect(0, admin.RunAsync(["register", "-u", adminName], adminPassword, null));
        await Expect(0, admin.RunAsync(["login", "-u", adminName], adminPassword, null));
        var user = await NewDeviceAsync(server, work);
        var userName = TestUsers.NewUsername("user");
        await Expect(0, user.RunAsync(["register", "-u", userName], userPassword, null));
        await Expect(0, user.RunAsync(["login", "-u", userName], userPassword, null));

        var plans = await admin.RunAsync(["admin", "plans", "--json"], adminPassword, null);
        Assert.That(plans.ExitCode, Is.Zero, plans.ToString());
        Assert.That(plans.Stdout, Does.Contain("\"defaultPlan\": \"self-hosted-unlimited\"").Or.Contain("\"defaultPlan\":\"self-hosted-unlimited\""));
        var set = await Expect(0, admin.RunAsync(["admin", "plan", "set", DefaultTenant, "free", "--seats", "3", "--json"], adminPassword, null));
        Assert.That(set.GetProperty("planId").GetString(), Is.EqualTo("free"));

        // Free allows two vaults in the tenant: the third is refused and nothing is created.
        await Expect(0, user.RunAsync(["vault", "create", "One", "--json"], userPassword, null));
        await Expect(0, user.RunAsync(["vault", "create", "Two", "--json"], userPassword, null));
        var refused = await ExpectError(2, "billing.quota_exceeded", user.RunAsync(["vault", "create", "Three", "--json"], userPassword, null));
        Assert.That(refused.GetProperty("code").GetString(), Is.EqualTo("billing.quota_exceeded"));
        var usage = await Expect(0, admin.RunAsync(["admin", "usage", DefaultTenant, "--json"], adminPassword, null));
        Assert.That(usage.GetProperty("plan").GetString(), Is.EqualTo("free"));
        Assert.That(usage.GetProperty("usage").GetProperty("vaults").GetInt64(), Is.EqualTo(2));

        await Expect(0, admin.RunAsync(["admin", "plan", "set", DefaultTenant, "teams", "--json"], adminPassword, null));
        await Expect(0, user.RunAsync(["vault", "create", "Three", "--json"], userPassword, null));

        var flag = await Expect(0, admin.RunAsync(["admin", "flag", "set", "new-ui", "--plan", "teams", "--rollout", "10", "--json"], adminPassword, null));
        Assert.That(flag.GetProperty("enabled").GetBoolean(), Is.True);
        var flags = await admin.RunAsync(["admin", "flags"], adminPassword, null);
        Assert.That(flags.ExitCode, Is.Zero, flags.ToString());
        Assert.That(flags.Stdout, Does.Contain("new-ui"));
        await ExpectError(2, "billing.instance_admin_required", user.RunAsync(["admin", "plan", "set", DefaultTenant, "enterprise", "--json"], userPassword, null));
    }

    private static async Task<PmCli> NewDeviceAsync(ServerProcess server, string work)
    {
        var pm = new PmCli(Path.Combine(work, $"cli-{Guid.NewGuid():N}"));
        await Expect(0, pm.RunAsync("config", "server", server.Address.ToString()));
        return pm;
    }
}
