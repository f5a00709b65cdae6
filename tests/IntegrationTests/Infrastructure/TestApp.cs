using System.Net.Http.Headers;

namespace PasswordManager.IntegrationTests.Infrastructure;

/// <summary>One API host for the whole run (JT's TestApp shape), reset to an empty database before each test.</summary>
internal static class TestApp
{
    private static ApiFactory? factory;
    private static DatabaseResetter? resetter;

    public static ApiFactory Factory => factory ?? throw new InvalidOperationException("The test app is not started.");

    public static async Task StartAsync()
    {
        factory = new ApiFactory();
        using (factory.CreateClient()) { }   // builds the host, which applies the migrations
        resetter = await DatabaseResetter.CreateAsync();
    }

    public static async Task StopAsync()
    {
        if (factory is not null) await factory.DisposeAsync();
    }

    public static Task ResetStateAsync() => resetter!.ResetAsync();

    public static HttpClient CreateClient(string? accessToken = null)
    {
        var client = Factory.CreateClient();
        if (accessToken is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }
}

public abstract class TestBase
{
    [SetUp]
    public async Task ResetDatabaseAsync() => await TestApp.ResetStateAsync();
}
