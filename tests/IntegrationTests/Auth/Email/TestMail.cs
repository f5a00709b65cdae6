using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using PasswordManager.Infrastructure.Auth.Email;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Auth.Email;

/// <summary>A mail as maildev received it.</summary>
internal sealed record DeliveredMail(string To, string Subject, string Text, string Html);

/// <summary>Drives the outbox of the test host and reads what the real maildev server received through its REST API.</summary>
internal static partial class TestMail
{
    private static readonly HttpClient MailDev = new() { BaseAddress = new Uri(TestEnvironment.MailDevUrl) };

    /// <summary>A username (and so, with TestAccount, an address) no other test of the run uses: maildev keeps every mail of the run.</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 40)];

    public static string AddressOf(string username) => $"{username}@example.test";

    /// <summary>Runs the host's outbox worker until nothing is due.</summary>
    public static async Task DeliverAsync()
    {
        var worker = TestApp.Factory.Services.GetRequiredService<EmailOutboxWorker>();
        while (await worker.RunOnceAsync(CancellationToken.None) > 0) { }
    }

    public static async Task<IReadOnlyList<DeliveredMail>> ToAsync(string address)
    {
        var all = await MailDev.GetFromJsonAsync<JsonElement>("/api/email");
        return [.. all.EnumerateArray()
            .Where(m => m.GetProperty("to").EnumerateArray().Any(t => string.Equals(t.GetProperty("address").GetString(), address, StringComparison.OrdinalIgnoreCase)))
            .Select(m => new DeliveredMail(
                address, m.GetProperty("subject").GetString()!, m.GetProperty("text").GetString() ?? "", m.GetProperty("html").GetString() ?? ""))];
    }

    /// <summary>Delivers the outbox, then returns the one mail to <paramref name="address"/> whose subject contains <paramref name="subject"/>.</summary>
    public static async Task<DeliveredMail> SingleAsync(string address, string subject)
    {
        await DeliverAsync();
        var mails = (await ToAsync(address)).Where(m => m.Subject.Contains(subject, StringComparison.Ordinal)).ToList();
        Assert.That(mails, Has.Count.EqualTo(1), $"mails to {address} about '{subject}'");
        return mails[0];
    }

    /// <summary>The code or token a mail's link carries after <c>#token=</c>.</summary>
    public static string TokenIn(DeliveredMail mail)
    {
        var match = TokenPattern().Match(mail.Text);
        Assert.That(match.Success, Is.True, "the mail carries a link with a token");
        return Uri.UnescapeDataString(match.Groups[1].Value);
    }

    /// <summary>Registers <paramref name="username"/> (address <c>username@example.test</c>) and verifies the address from the mail.</summary>
    public static async Task<LoggedIn> RegisterVerifiedAsync(string username)
    {
        var login = await TestAccounts.RegisterAndLoginAsync(username);
        await VerifyAsync(AddressOf(username));
        return login;
    }

    public static async Task VerifyAsync(string address)
    {
        var mail = await SingleAsync(address, "Confirm your email address");
        using var client = TestApp.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/email/verify", new { code = TokenIn(mail) });
        Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.NoContent), await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("#token=([A-Za-z0-9_%-]+)")]
    private static partial Regex TokenPattern();
}
