using System.Net;
using PasswordManager.Client.Sdk;
using PasswordManager.Client.Sdk.Auth;
using PasswordManager.Client.Sdk.Auth.Contracts;
using PasswordManager.Client.Sdk.Tokens;

namespace PasswordManager.ClusterTests;

/// <summary>SDK clients of the cluster, each from an address of its own (X-Forwarded-For) so credential limits do not mix.</summary>
internal static class ClusterClients
{
    public const string Password = "cluster test master password 7d1e";

    public static PmClient Connect(Uri address, InMemoryTokenStore? tokens = null) =>
        new(new PmClientOptions { BaseAddress = address }, tokens ?? new InMemoryTokenStore(), new ForwardedFor(NewClientAddress()));

    public static async Task<string> RegisterAsync(string prefix)
    {
        var username = $"{prefix}-{Guid.NewGuid():N}"[..24];
        using var client = Connect(ClusterFixture.Balancer);
        await client.Account.RegisterAsync(new NewAccount(username), Password.AsMemory());
        return username;
    }

    public static Task<UnlockedAccount> LoginAsync(PmClient client, string username) =>
        client.Account.LoginAsync(username, Password.AsMemory(), new DeviceInfo(Guid.NewGuid(), "cluster test", DeviceType.Server));

    public static IPAddress NewClientAddress() => new([10, (byte)Random.Shared.Next(256), (byte)Random.Shared.Next(256), (byte)Random.Shared.Next(1, 255)]);

    internal sealed class ForwardedFor(IPAddress address) : DelegatingHandler(new HttpClientHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add("X-Forwarded-For", address.ToString());
            return base.SendAsync(request, cancellationToken);
        }
    }
}
