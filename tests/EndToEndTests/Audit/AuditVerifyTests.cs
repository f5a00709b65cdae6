using System.Diagnostics;
using PasswordManager.EndToEndTests.Infrastructure;
using static PasswordManager.EndToEndTests.Cli.AccountLifecycleTests;

namespace PasswordManager.EndToEndTests.Audit;

/// <summary>
/// <c>dotnet PasswordManager.Api.dll audit verify</c> against the database the real server wrote, before and after an
/// attacker with database access edits, deletes and reorders audit rows (each change undone before the next).
/// </summary>
public sealed class AuditVerifyTests
{
    private const string DefaultTenant = "00000000-0000-0000-0000-000000000001";

    [Test]
    [CancelAfter(300_000)]
    public async Task VerifyShouldPassUntouchedAndNameTheFirstEditedDeletedOrReorderedRow()
    {
        var server = ServerFixture.Server.Address.ToString();
        var username = TestUsers.NewUsername("audit");
        var (password, _) = TestUsers.NewPassword();
        var pm = ServerFixture.NewCli();
        await Expect(0, pm.RunAsync("config", "server", server));
        await Expect(0, pm.RunAsync(["register", "-u", username], password, stdin: null));
        await Expect(0, pm.RunAsync(["login", "-u", username, "--json"], password, stdin: null));
        await ExpectError(2, "auth.invalid_credentials", pm.RunAsync(["login", "-u", username, "--json"], "wrong password", stdin: null));
        await Expect(0, pm.RunAsync(["login", "-u", username, "--json"], password, stdin: null));

        // Verifying chains what the server's chainer has not yet (ADR-0034), so the rows below are all in place.
        var untouched = await VerifyAsync();
        Assert.That(untouched.ExitCode, Is.Zero, untouched.ToString());
        Assert.That(untouched.Stdout, Does.Contain("audit log intact"));

        var head = long.Parse(await Sql($"SELECT max(sequence) FROM audit.events WHERE tenant_id = '{DefaultTenant}'"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(head, Is.GreaterThanOrEqualTo(3));
        var actions = await Sql($"SELECT string_agg(action, ',' ORDER BY sequence) FROM audit.events WHERE tenant_id = '{DefaultTenant}' AND sequence > {head - 3}");
        Assert.That(actions, Is.EqualTo("login,login_failed,login"));

        var edited = head - 1;
        await Sql($"UPDATE audit.events SET ip_address = '203.0.113.9' WHERE tenant_id = '{DefaultTenant}' AND sequence = {edited}");
        await ExpectBrokenAtAsync(edited, "edited");
        await Sql($"UPDATE audit.events SET ip_address = (SELECT ip_address FROM audit.events WHERE tenant_id = '{DefaultTenant}' AND sequence = {head}) WHERE tenant_id = '{DefaultTenant}' AND sequence = {edited}");
        Assert.That((await VerifyAsync()).ExitCode, Is.Zero, "the original value restores the chain");

        await Sql($"CREATE TABLE audit.e2e_deleted AS SELECT * FROM audit.events WHERE tenant_id = '{DefaultTenant}' AND sequence = {edited}");
        await Sql($"DELETE FROM audit.events WHERE tenant_id = '{DefaultTenant}' AND sequence = {edited}");
        await ExpectBrokenAtAsync(edited, "missing");
        await Sql("INSERT INTO audit.events SELECT * FROM audit.e2e_deleted; DROP TABLE audit.e2e_deleted");
        Assert.That((await VerifyAsync()).ExitCode, Is.Zero);

        var swapped = head - 2;
        await Sql($"""
            UPDATE audit.events SET sequence = CASE sequence WHEN {swapped} THEN {swapped + 1} ELSE {swapped} END
            WHERE tenant_id = '{DefaultTenant}' AND sequence IN ({swapped}, {swapped + 1})
            """);
        await ExpectBrokenAtAsync(swapped, "does not follow");
        await Sql($"""
            UPDATE audit.events SET sequence = CASE sequence WHEN {swapped} THEN {swapped + 1} ELSE {swapped} END
            WHERE tenant_id = '{DefaultTenant}' AND sequence IN ({swapped}, {swapped + 1})
            """);
        Assert.That((await VerifyAsync()).ExitCode, Is.Zero);
    }

    private static async Task ExpectBrokenAtAsync(long sequence, string reason)
    {
        var result = await VerifyAsync();
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Stdout, Does.Contain($"tenant {DefaultTenant}: BROKEN at row {sequence}").And.Contain(reason), result.ToString());
    }

    private static Task<string> Sql(string sql) => PostgresSql.ExecuteAsync(E2eEnvironment.Database, sql);

    private static async Task<ProcessResult> VerifyAsync()
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = ServerFixture.WorkFolder };
        foreach (var argument in new[] { BuildOutput.ApiDll, "audit", "verify" }) start.ArgumentList.Add(argument);
        start.Environment["ConnectionStrings__Postgres"] = E2eEnvironment.Database;
        start.Environment["DataDirectory"] = ServerFixture.Server.DataDirectory;
        start.Environment["BlobStore__Kind"] = "FileSystem";
        start.Environment["Audit__MaintenanceEnabled"] = "false";
        return await ProcessRunner.RunAsync(start, stdin: null, TimeSpan.FromSeconds(60));
    }
}
