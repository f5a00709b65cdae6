using System.Net.Http.Json;
using System.Text.Json;
using PasswordManager.Application.Contracts.Encryption;
using PasswordManager.Application.Encryption;
using PasswordManager.Domain.Common;

namespace PasswordManager.Infrastructure.Encryption.Adapters;

/// <summary>Where the remote adapter finds the tenant's own encryption service, and the secret per tenant.</summary>
internal sealed class RemoteEncryptionOptions
{
    public Uri? BaseUrl { get; set; }

    /// <summary>Shared secret per tenant id (the same value as the service's <c>Encryption:ServiceSecrets</c>).</summary>
    public Dictionary<string, string> Secrets { get; set; } = [];

    /// <summary>Client certificate (PKCS#12) for mutual TLS; the service requires one from its configured CA.</summary>
    public string? ClientCertificatePath { get; set; }

    public string? ClientCertificatePassword { get; set; }

    /// <summary>PEM of the CA that issued the service's certificate; when set, pinned (the system store is not used).</summary>
    public string? ServerCertificateAuthorityPath { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// The remote adapter: the <c>/v1</c> contract over HTTPS to a standalone encryption service, authenticated with
/// the tenant's shared secret. Problem answers come back as <see cref="EncryptionServiceFailed"/> with the
/// service's stable code.
/// </summary>
internal sealed class RemoteEncryptionService(HttpClient http, RemoteEncryptionOptions options) : IEncryptionService
{
    private static readonly JsonSerializerOptions json = new(JsonSerializerDefaults.Web);

    public async Task<Result<EncryptedPayload>> EncryptAsync(
        TenantId tenant, string encryptionId, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var body = new { encryptionId, data = Convert.ToBase64String(data.Span) };
        var answer = await PostAsync<CipherWire>(tenant, "v1/encrypt", body, cancellationToken);
        if (answer.IsFailure) return answer.Error;
        return answer.Value.ToPayload();
    }

    public async Task<Result<byte[]>> DecryptAsync(TenantId tenant, EncryptedPayload payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var answer = await PostAsync<DataWire>(tenant, "v1/decrypt", CipherWire.Of(payload), cancellationToken);
        if (answer.IsFailure) return answer.Error;
        return Convert.FromBase64String(answer.Value.Data);
    }

    public async Task<Result<IReadOnlyList<EncryptedPayload>>> RewrapAsync(
        TenantId tenant, IReadOnlyList<EncryptedPayload> payloads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payloads);
        if (payloads.Count == 0) return Result<IReadOnlyList<EncryptedPayload>>.Success([]);
        var body = new { encryptionId = payloads[0].EncryptionId, items = payloads.Select(CipherWire.Of).ToList() };
        var answer = await PostAsync<BatchWire>(tenant, "v1/rewrap/batch", body, cancellationToken);
        if (answer.IsFailure) return answer.Error;
        return Result<IReadOnlyList<EncryptedPayload>>.Success([.. answer.Value.Items.Select(i => i.ToPayload())]);
    }

    private async Task<Result<T>> PostAsync<T>(TenantId tenant, string path, object body, CancellationToken cancellationToken)
    {
        if (!options.Secrets.TryGetValue(tenant.Value.ToString(), out var secret))
            return new EncryptionServiceFailed("encryption.remote_not_configured", "No service secret is configured for this tenant.", 500);

        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: json) };
        request.Headers.Add(EncryptionAccess.TenantHeader, tenant.Value.ToString());
        request.Headers.Add(EncryptionAccess.SecretHeader, secret);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode) return (await response.Content.ReadFromJsonAsync<T>(json, cancellationToken))!;

        var code = "encryption.remote_failed";
        var title = $"The encryption service answered {(int)response.StatusCode}.";
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(json, cancellationToken);
            if (problem.TryGetProperty("code", out var c) && c.GetString() is { } text) code = text;
            if (problem.TryGetProperty("title", out var t) && t.GetString() is { } titleText) title = titleText;
        }

        return new EncryptionServiceFailed(code, title, (int)response.StatusCode);
    }

    private sealed record MetadataWire(string Nonce);

    private sealed record CipherWire(string CipherText, string EncryptionId, Guid EncryptionVersionId, MetadataWire Metadata)
    {
        public static CipherWire Of(EncryptedPayload p) => new(
            Convert.ToBase64String(p.CipherText), p.EncryptionId, p.EncryptionVersionId, new MetadataWire(Convert.ToBase64String(p.Nonce)));

        public EncryptedPayload ToPayload() => new(
            EncryptionId, EncryptionVersionId, Convert.FromBase64String(CipherText), Convert.FromBase64String(Metadata.Nonce));
    }

    private sealed record DataWire(string Data);

    private sealed record BatchWire(IReadOnlyList<CipherWire> Items);
}
