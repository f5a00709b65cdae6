using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests;

[SetUpFixture]
public sealed class IntegrationTestSetup
{
    [OneTimeSetUp]
    public async Task StartAsync() => await TestApp.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await TestApp.StopAsync();
}
