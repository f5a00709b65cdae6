using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PasswordManager.Infrastructure.Encryption.Keys;
using PasswordManager.Infrastructure.Encryption.ReEncryption;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Encryption;

/// <summary>
/// An API host for the Encryption tests: the real pipeline with two tenants' service secrets configured. It uses the
/// shared test host's platform master key, so every host on the test database (and its re-encryption worker) can
/// unwrap every platform-protected key.
/// </summary>
[SetUpFixture]
public sealed class EncryptionApp
{
    public static readonly Guid TenantA = Guid.Parse("00000000-0000-0000-0000-000000000001");
    public static readonly Guid TenantB = Guid.Parse("0000000b-0000-0000-0000-00000000000b");
    public const string SecretA = "tenant-a-service-secret-0123456789abcdef";
    public const string SecretB = "tenant-b-service-secret-0123456789abcdef";

    private static ApiFactory? factory;

    internal static ApiFactory Factory => factory ?? throw new InvalidOperationException("The encryption test app is not started.");

    public static string PlatformMasterKeyBase64 { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        PlatformMasterKeyBase64 = (await File.ReadAllTextAsync(Path.Combine(TestApp.Factory.DataDirectory, "keys", "encryption-master.key"))).Trim();
        factory = new ApiFactory(Settings());
        using (factory.CreateClient()) { }
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (factory is not null) await factory.DisposeAsync();
    }

    public static Dictionary<string, string?> Settings() => new()
    {
        ["Encryption:MasterKey"] = PlatformMasterKeyBase64,
        [$"Encryption:ServiceSecrets:{TenantA}"] = SecretA,
        [$"Encryption:ServiceSecrets:{TenantB}"] = SecretB,
    };

    internal static ReEncryptionWorker Worker(IServiceProvider services) =>
        services.GetServices<IHostedService>().OfType<ReEncryptionWorker>().Single();

    /// <summary>The hosts cache contexts and keys; after a database reset those copies describe rows that are gone.</summary>
    internal static void ClearKeyCaches(params ApiFactory[] more)
    {
        foreach (var host in more.Append(Factory).Append(TestApp.Factory))
            host.Services.GetRequiredService<KeyCache>().Clear();
    }

    public static HttpClient Anonymous() => Factory.CreateClient();

    public static HttpClient AsAdmin(Guid tenant, string role = "admin") => WithToken(Token(tenant, role));

    public static HttpClient AsMember(Guid tenant) => WithToken(Token(tenant, "member"));

    public static HttpClient AsService(Guid tenant, string secret)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Encryption-Tenant", tenant.ToString());
        client.DefaultRequestHeaders.Add("X-Encryption-Secret", secret);
        return client;
    }

    public static HttpClient WithToken(string token)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>An access token as the server issues it, for a user of any tenant (tenants are created elsewhere).</summary>
    public static string Token(Guid tenant, string role)
    {
        var now = DateTimeOffset.UtcNow;
        var header = new Dictionary<string, object> { ["alg"] = "HS256", ["typ"] = "JWT", ["kid"] = "pm-1" };
        var payload = new Dictionary<string, object>
        {
            ["iss"] = ApiFactory.Issuer,
            ["aud"] = ApiFactory.Audience,
            ["sub"] = Guid.NewGuid().ToString(),
            ["sid"] = Guid.NewGuid().ToString(),
            ["tid"] = tenant.ToString(),
            ["role"] = role,
            ["name"] = $"{role}-{tenant:N}",
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddMinutes(5).ToUnixTimeSeconds(),
        };
        var signingInput = $"{Encode(header)}.{Encode(payload)}";
        var signature = HMACSHA256.HashData(Convert.FromBase64String(ApiFactory.SigningKeyBase64), Encoding.ASCII.GetBytes(signingInput));
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }

    private static string Encode(object part) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(part));
}

/// <summary>Small HTTP helpers over the <c>/v1</c> contract.</summary>
internal static class EncryptionCalls
{
    public static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    public static async Task<JsonElement> EncryptAsync(this HttpClient client, string encryptionId, string plaintext, string? masterKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/encrypt") { Content = JsonContent.Create(new { encryptionId, data = B64(plaintext) }) };
        if (masterKey is not null) request.Headers.Add("X-Master-Key", masterKey);
        using var response = await client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    public static async Task<HttpResponseMessage> DecryptAsync(this HttpClient client, JsonElement cipher, string? masterKey = null, string? encryptionId = null)
    {
        var body = new
        {
            encryptionId = encryptionId ?? cipher.GetProperty("encryptionId").GetString(),
            cipherText = cipher.GetProperty("cipherText").GetString(),
            encryptionVersionId = cipher.GetProperty("encryptionVersionId").GetGuid(),
            metadata = cipher.GetProperty("metadata"),
        };
        return await client.PostWithMasterKeyAsync("/v1/decrypt", body, masterKey);
    }

    public static async Task<HttpResponseMessage> PostWithMasterKeyAsync(this HttpClient client, string path, object body, string? masterKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (masterKey is not null) request.Headers.Add("X-Master-Key", masterKey);
        return await client.SendAsync(request);
    }

    public static async Task<string> DecryptTextAsync(this HttpClient client, JsonElement cipher, string? masterKey = null)
    {
        using var response = await client.DecryptAsync(cipher, masterKey);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var data = (await response.ReadJsonAsync()).GetProperty("data").GetString()!;
        return Encoding.UTF8.GetString(Convert.FromBase64String(data));
    }

    public static async Task<Guid> RotateAsync(this HttpClient client, string encryptionId, string? masterKey = null)
    {
        using var response = await client.PostWithMasterKeyAsync("/v1/rotate", new { encryptionId }, masterKey);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync()).GetProperty("newVersionId").GetGuid();
    }
}
