using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace PasswordManager.IntegrationTests.Infrastructure;

/// <summary>
/// The in-memory test server has no network peer. This gives every request the peer address named by the
/// <c>X-Test-Peer</c> header (default 192.0.2.1), as a TCP connection from that address would.
/// </summary>
internal static class PeerAddress
{
    public const string Header = "X-Test-Peer";

    public static WebApplicationFactory<Program> WithPeerAddresses(this ApiFactory factory) =>
        factory.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, Filter>()));

    public static HttpClient From(this WebApplicationFactory<Program> factory, string peer, string? forwardedFor = null)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(Header, peer);
        if (forwardedFor is not null) client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        return client;
    }

    private sealed class Filter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(context.Request.Headers[Header].FirstOrDefault() ?? "192.0.2.1");
                context.Request.Headers.Remove(Header);
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
