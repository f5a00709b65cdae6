using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PasswordManager.Application.Contracts.Encryption;
using PasswordManager.Domain.Common;
using PasswordManager.IntegrationTests.Infrastructure;
using static PasswordManager.IntegrationTests.Encryption.EncryptionApp;

namespace PasswordManager.IntegrationTests.Encryption;

/// <summary>Rotate → old fields still decrypt → the job moves them → the old version can be retired and destroyed.</summary>
public sealed class ReEncryptionJobTests : TestBase
{
    [SetUp]
    public void ForgetCachedKeys() => ClearKeyCaches();

    private const string Context = "auth-totp-seeds";
    private static readonly TenantId tenant = new(TenantA);

    [Test]
    public async Task ShouldMoveRegisteredFieldsToTheNewVersionAndThenLetTheOldOneBeRetired()
    {
        await PutFieldsAsync(25);
        using var admin = AsAdmin(TenantA);
        var newVersion = await admin.RotateAsync(Context);
        using var early = await admin.DeleteAsync($"/v1/encryptions/{Context}/versions/1");

        var before = await ProgressAsync(admin);
        await Worker(Factory.Services).RunOnceAsync(CancellationToken.None);
        var after = await WaitForCompletionAsync(admin);

        await early.AssertProblemAsync(HttpStatusCode.Conflict, "encryption.version_in_use");
        Assert.That(before.GetProperty("totalFields").GetInt64(), Is.EqualTo(25));
        Assert.That(after.GetProperty("status").GetString(), Is.EqualTo("completed"));
        Assert.That(after.GetProperty("remaining").GetInt64(), Is.Zero);
        Assert.That(after.GetProperty("targetVersionId").GetGuid(), Is.EqualTo(newVersion));
        Assert.That(await TestDatabase.CountAsync($"encryption.encrypted_fields WHERE version_id = '{newVersion}'"), Is.EqualTo(25));
        Assert.That(await GetFieldAsync("7"), Is.EqualTo("seed 7"));

        using var raise = await admin.PutAsJsonAsync($"/v1/encryptions/{Context}/min-decryption-version", new { version = 2 });
        using var disable = await admin.PostAsync($"/v1/encryptions/{Context}/versions/1/disable", null);
        using var destroy = await admin.DeleteAsync($"/v1/encryptions/{Context}/versions/1");
        Assert.That(destroy.StatusCode, Is.EqualTo(HttpStatusCode.OK), await destroy.Content.ReadAsStringAsync());
        Assert.That(await GetFieldAsync("24"), Is.EqualTo("seed 24"));
    }

    [Test]
    public async Task ShouldNotDestroyAVersionThatRegisteredFieldsStillUse()
    {
        await PutFieldsAsync(3);
        using var admin = AsAdmin(TenantA);
        await admin.RotateAsync(Context);
        await Exec($"UPDATE encryption.reencryption_jobs SET lease_owner = 'elsewhere', lease_expires_at = now() + interval '1 hour', status = 'Running'");
        using var raise = await admin.PutAsJsonAsync($"/v1/encryptions/{Context}/min-decryption-version", new { version = 2 });
        using var disable = await admin.PostAsync($"/v1/encryptions/{Context}/versions/1/disable", null);

        using var destroy = await admin.DeleteAsync($"/v1/encryptions/{Context}/versions/1");

        await destroy.AssertProblemAsync(HttpStatusCode.Conflict, "encryption.version_in_use");
    }

    [Test]
    public async Task ShouldResumeAJobWhoseReplicaDiedMidway()
    {
        await PutFieldsAsync(10);
        using var admin = AsAdmin(TenantA);
        await admin.RotateAsync(Context);
        var cursor = await Scalar<Guid>("SELECT id FROM encryption.encrypted_fields ORDER BY id OFFSET 4 LIMIT 1");
        await Exec($"UPDATE encryption.reencryption_jobs SET status = 'Running', lease_owner = 'dead-replica', lease_expires_at = now() - interval '1 minute', cursor = '{cursor}', processed = 5");

        await Worker(Factory.Services).RunOnceAsync(CancellationToken.None);

        var progress = await WaitForCompletionAsync(admin);
        Assert.That(progress.GetProperty("status").GetString(), Is.EqualTo("completed"));
        Assert.That(progress.GetProperty("remaining").GetInt64(), Is.Zero);
    }

    [Test]
    public async Task ShouldNotDoubleRunAJobAcrossConcurrentReplicas()
    {
        await PutFieldsAsync(40);
        using var admin = AsAdmin(TenantA);
        await admin.RotateAsync(Context);

        var runs = await Task.WhenAll(
            Worker(Factory.Services).RunOnceAsync(CancellationToken.None),
            Worker(TestApp.Factory.Services).RunOnceAsync(CancellationToken.None));

        var progress = await WaitForCompletionAsync(admin);
        Assert.That(runs.Count(r => r), Is.LessThanOrEqualTo(1));
        Assert.That(progress.GetProperty("remaining").GetInt64(), Is.Zero);
        Assert.That(progress.GetProperty("processed").GetInt64(), Is.EqualTo(40));
    }

    [Test]
    public async Task ShouldNotStartAJobForContextsWithoutRegisteredFields()
    {
        using var admin = AsAdmin(TenantA);
        await admin.EncryptAsync("plain-ctx", "x");
        await admin.RotateAsync("plain-ctx");

        var progress = await ProgressAsync(admin, "plain-ctx");

        Assert.That(progress.TryGetProperty("status", out _), Is.False);
        Assert.That(await TestDatabase.CountAsync("encryption.reencryption_jobs"), Is.Zero);
    }

    private static async Task PutFieldsAsync(int count)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IEncryptedFieldStore>();
        for (var i = 0; i < count; i++)
        {
            var put = await store.PutAsync(tenant, new EncryptedFieldRef("Auth", "totp_seed", i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                Context, Encoding.UTF8.GetBytes($"seed {i}"), CancellationToken.None);
            Assert.That(put.IsSuccess, Is.True);
        }
    }

    private static async Task<string?> GetFieldAsync(string recordKey)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IEncryptedFieldStore>();
        var value = await store.GetAsync(tenant, new EncryptedFieldRef("Auth", "totp_seed", recordKey), CancellationToken.None);
        return value.Value is null ? null : Encoding.UTF8.GetString(value.Value);
    }

    /// <summary>Other hosts on the test database run the worker too; whichever claims the job, it must finish.</summary>
    private static async Task<JsonElement> WaitForCompletionAsync(HttpClient admin)
    {
        for (var attempt = 0; ; attempt++)
        {
            var progress = await ProgressAsync(admin);
            if (progress.TryGetProperty("status", out var status) && status.GetString() == "completed") return progress;
            if (attempt == 100) return progress;
            await Task.Delay(100);
        }
    }

    private static async Task<JsonElement> ProgressAsync(HttpClient admin, string context = Context)
    {
        using var response = await admin.GetAsync($"/v1/encryptions/{context}/reencryption");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    private static async Task Exec(string sql)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> Scalar<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
