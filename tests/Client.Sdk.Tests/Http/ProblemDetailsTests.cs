using System.Net;
using PasswordManager.Client.Sdk.Auth.Contracts;
using PasswordManager.Client.Sdk.Tests.Support;
using PasswordManager.Client.Sdk.Tokens;

namespace PasswordManager.Client.Sdk.Tests.Http;

public sealed class ProblemDetailsTests
{
    [Test]
    public void ValidationProblemBecomesTypedExceptionWithFieldErrors()
    {
        using var server = new StubServer();
        server.On("POST /api/v1/auth/prelogin", _ => Task.FromResult(StubServer.Problem(
            HttpStatusCode.BadRequest, "request.validation_failed", "The request is not valid.",
            new Dictionary<string, string[]> { ["username"] = ["Username must not be empty."] })));
        using var client = server.CreateClient(new InMemoryTokenStore());

        var problem = Assert.ThrowsAsync<PmApiException>(() => client.Auth.PreloginAsync(new PreloginRequest("")));

        Assert.Multiple(() =>
        {
            Assert.That(problem!.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(problem.Code, Is.EqualTo("request.validation_failed"));
            Assert.That(problem.Title, Is.EqualTo("The request is not valid."));
            Assert.That(problem.Errors["username"], Is.EqualTo(new[] { "Username must not be empty." }));
            Assert.That(problem.TraceId, Is.EqualTo("trace-1"));
        });
    }

    [Test]
    public void NonProblemErrorStillHasAStatusAndCode()
    {
        using var server = new StubServer();
        server.On("POST /api/v1/auth/prelogin", _ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html>proxy</html>") }));
        using var client = server.CreateClient(new InMemoryTokenStore());

        var problem = Assert.ThrowsAsync<PmApiException>(() => client.Auth.PreloginAsync(new PreloginRequest("alice")));

        Assert.That(problem!.Code, Is.EqualTo("server.error"));
        Assert.That(problem.Status, Is.EqualTo(HttpStatusCode.BadGateway));
    }

    [Test]
    public void CancellationIsHonoured()
    {
        using var server = new StubServer();
        server.On("POST /api/v1/auth/prelogin", async _ =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10));
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        using var client = server.CreateClient(new InMemoryTokenStore());
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        Assert.CatchAsync<OperationCanceledException>(() => client.Auth.PreloginAsync(new PreloginRequest("alice"), cancellation.Token));
    }
}
