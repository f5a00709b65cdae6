using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PasswordManager.IntegrationTests.Infrastructure;

internal static class ProblemAssertions
{
    /// <summary>Asserts an RFC 9457 problem response with the given status and stable code; returns its body.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
        var problem = JsonSerializer.Deserialize<JsonElement>(text);
        Assert.That(problem.GetProperty("status").GetInt32(), Is.EqualTo((int)status));
        Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo(code), text);
        return problem;
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();
}
