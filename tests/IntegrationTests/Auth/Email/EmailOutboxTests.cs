using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using PasswordManager.Application.Auth;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Infrastructure.Auth.Email;
using PasswordManager.Infrastructure.Common.Email;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Auth.Email;

public sealed class EmailOutboxTests : TestBase
{
    [Test]
    public async Task ShouldSendEachMailOnceWhenTwoWorkersRace()
    {
        var names = Enumerable.Range(0, 12).Select(_ => TestMail.UniqueName("race")).ToList();
        foreach (var name in names) await TestAccounts.RegisterAsync(name);
        var first = Worker();
        var second = Worker();
        Assert.That(first.Owner, Is.Not.EqualTo(second.Owner));

        int claimed;
        do
        {
            var counts = await Task.WhenAll(first.RunOnceAsync(CancellationToken.None), second.RunOnceAsync(CancellationToken.None));
            claimed = counts.Sum();
        }
        while (claimed > 0);

        foreach (var name in names)
            Assert.That(await TestMail.ToAsync(TestMail.AddressOf(name)), Has.Count.EqualTo(1), name);
        Assert.That(await ScalarAsync("SELECT count(*) FROM auth.email_outbox WHERE sent_at IS NULL"), Is.EqualTo(0));
        Assert.That(await ScalarAsync("SELECT count(*) FROM auth.email_outbox WHERE text_body <> '' OR html_body <> ''"), Is.EqualTo(0),
            "a sent mail's bodies (with their links) are erased");
    }

    [Test]
    public async Task ShouldRetryWithBackOffAfterAnSmtpFailure()
    {
        var name = TestMail.UniqueName("retry");
        await TestAccounts.RegisterAsync(name);
        var unreachable = new SmtpEmailSender(new SmtpOptions { Host = "127.0.0.1", Port = ClosedPort(), Security = SmtpSecurity.None, Timeout = TimeSpan.FromSeconds(5) });
        var failing = Worker(unreachable);

        Assert.That(await failing.RunOnceAsync(CancellationToken.None), Is.EqualTo(1));

        Assert.That(await ScalarAsync("SELECT attempts FROM auth.email_outbox"), Is.EqualTo(1));
        Assert.That(await ScalarAsync("SELECT count(*) FROM auth.email_outbox WHERE last_error IS NOT NULL AND next_attempt_at > now() AND lease_owner IS NULL"), Is.EqualTo(1));
        Assert.That(await TestMail.ToAsync(TestMail.AddressOf(name)), Is.Empty);
        Assert.That(await Worker().RunOnceAsync(CancellationToken.None), Is.Zero, "not due before the back-off ends");

        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await TestMail.DeliverAsync();

        Assert.That(await TestMail.ToAsync(TestMail.AddressOf(name)), Has.Count.EqualTo(1));
        Assert.That(await ScalarAsync("SELECT count(*) FROM auth.email_outbox WHERE sent_at IS NOT NULL AND attempts = 1"), Is.EqualTo(1));
    }

    [Test]
    public async Task ShouldNotLogMessageBodiesOrAddresses()
    {
        var name = TestMail.UniqueName("logs");
        await TestAccounts.RegisterAsync(name);
        var mail = await TestMail.SingleAsync(TestMail.AddressOf(name), "Confirm your email address");

        var code = TestMail.TokenIn(mail);
        Assert.That(TestApp.Factory.Logs.All.Contains(code), Is.False);
        Assert.That(TestApp.Factory.Logs.All.Contains(TestMail.AddressOf(name)), Is.False);
    }

    private static EmailOutboxWorker Worker(IEmailSender? sender = null)
    {
        var services = TestApp.Factory.Services;
        return new EmailOutboxWorker(
            services.GetRequiredService<IServiceScopeFactory>(), sender ?? services.GetRequiredService<IEmailSender>(),
            services.GetRequiredService<EmailOutboxOptions>(), services.GetRequiredService<AuthMetrics>(), TimeProvider.System,
            services.GetRequiredService<ILogger<EmailOutboxWorker>>());
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
