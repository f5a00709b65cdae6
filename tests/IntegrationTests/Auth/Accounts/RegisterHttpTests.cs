using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Auth.Accounts;

public sealed class RegisterHttpTests : TestBase
{
    [Test]
    public async Task ShouldMakeTheFirstAccountOfTheTenantItsOwnerAndLaterOnesMembers()
    {
        using var client = TestApp.CreateClient();

        using var first = await client.PostAsJsonAsync("/api/v1/auth/register", TestAccount.Create("alice").RegisterBody);
        using var second = await client.PostAsJsonAsync("/api/v1/auth/register", TestAccount.Create("bob").RegisterBody);

        Assert.That((await first.ReadJsonAsync()).GetProperty("role").GetString(), Is.EqualTo("owner"));
        Assert.That((await second.ReadJsonAsync()).GetProperty("role").GetString(), Is.EqualTo("member"));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task ShouldRejectATakenUsernameWhateverItsCase()
    {
        await TestAccounts.RegisterAsync("alice");
        using var client = TestApp.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/auth/register", TestAccount.Create("ALICE").RegisterBody);

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "auth.username_unavailable");
        Assert.That(await TestDatabase.CountAsync("auth.users"), Is.EqualTo(1));
    }

    private static IEnumerable<TestCaseData> InvalidFields()
    {
        yield return new TestCaseData("username", JsonValue.Create("a"), "username").SetName("ShouldRejectTooShortUsername");
        yield return new TestCaseData("username", JsonValue.Create("alice smith"), "username").SetName("ShouldRejectUsernameWithSpace");
        yield return new TestCaseData("authHash", JsonValue.Create("not base64!"), "authHash").SetName("ShouldRejectAuthHashThatIsNotBase64");
        yield return new TestCaseData("authHash", JsonValue.Create(Convert.ToBase64String(new byte[31])), "authHash").SetName("ShouldRejectShortAuthHash");
        yield return new TestCaseData("kdfSalt", JsonValue.Create(Convert.ToBase64String(new byte[8])), "kdfSalt").SetName("ShouldRejectShortSalt");
        yield return new TestCaseData("kdf", new JsonObject { ["memoryKiB"] = 19455, ["iterations"] = 3, ["parallelism"] = 1 }, "kdf").SetName("ShouldRejectKdfMemoryBelowFloor");
        yield return new TestCaseData("kdf", new JsonObject { ["memoryKiB"] = 65536, ["iterations"] = 1, ["parallelism"] = 1 }, "kdf").SetName("ShouldRejectKdfIterationsBelowFloor");
        yield return new TestCaseData("kdf", new JsonObject { ["memoryKiB"] = 2 * 1024 * 1024, ["iterations"] = 3, ["parallelism"] = 1 }, "kdf").SetName("ShouldRejectKdfMemoryAboveCeiling");
        yield return new TestCaseData("encryptedUserKey", JsonValue.Create(Convert.ToBase64String(new byte[74])), "encryptedUserKey").SetName("ShouldRejectUserKeyWithoutEnvelopeHeader");
        yield return new TestCaseData("encryptedPrivateKeys", JsonValue.Create(Convert.ToBase64String(new byte[] { 1, 1, 0 })), "encryptedPrivateKeys").SetName("ShouldRejectTruncatedPrivateKeys");
        yield return new TestCaseData("publicKeyBundle", JsonValue.Create(Convert.ToBase64String(new byte[145])), "publicKeyBundle").SetName("ShouldRejectBundleWithoutVersion");
        yield return new TestCaseData("passwordHint", JsonValue.Create(new string('h', 121)), "passwordHint").SetName("ShouldRejectTooLongHint");
    }

    [TestCaseSource(nameof(InvalidFields))]
    public async Task ShouldRejectInvalidFieldAndStoreNothing(string field, JsonNode value, string errorKey)
    {
        var account = TestAccount.Create("alice");
        account.RegisterBody[field] = value;
        using var client = TestApp.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/auth/register", account.RegisterBody);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "request.validation_failed");
        Assert.That(problem.GetProperty("errors").TryGetProperty(errorKey, out _), Is.True, problem.ToString());
        Assert.That(await TestDatabase.CountAsync("auth.users"), Is.Zero);
    }

    [Test]
    public async Task ShouldRejectABundleThatNamesAnotherUser()
    {
        var account = TestAccount.Create("alice");
        account.RegisterBody["publicKeyBundle"] = TestAccount.Create("mallory").RegisterBody["publicKeyBundle"]!.DeepClone();
        using var client = TestApp.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/auth/register", account.RegisterBody);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "request.validation_failed");
    }

    [Test]
    public async Task ShouldAnswerMalformedJsonWithProblemAndStoreNothing()
    {
        using var client = TestApp.CreateClient();

        using var response = await client.PostAsync("/api/v1/auth/register",
            new StringContent("{\"username\": \"alice\", ", System.Text.Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "request.malformed");
        Assert.That(await TestDatabase.CountAsync("auth.users"), Is.Zero);
    }

    [Test]
    public async Task ShouldRefuseAnOversizedBodyAndStoreNothing()
    {
        var account = TestAccount.Create("alice");
        account.RegisterBody["passwordHint"] = new string('x', 64 * 1024);
        using var client = TestApp.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/auth/register", account.RegisterBody);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "request.too_large");
        Assert.That(await TestDatabase.CountAsync("auth.users"), Is.Zero);
    }

    [Test]
    public async Task ShouldRefuseRegistrationWhenClosed()
    {
        await using var closed = new ApiFactory(new Dictionary<string, string?> { ["Auth:Registration"] = "Closed" });
        using var client = closed.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/auth/register", TestAccount.Create("alice").RegisterBody);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.registration_closed");
        Assert.That(await TestDatabase.CountAsync("auth.users"), Is.Zero);
    }

    [Test]
    public async Task ShouldRequireASingleUseInvitationWhenInviteOnly()
    {
        await using var inviteOnly = new ApiFactory(new Dictionary<string, string?> { ["Auth:Registration"] = "InviteOnly" });
        using var anonymous = inviteOnly.CreateClient();

        // The first account bootstraps the instance and becomes its owner.
        var owner = TestAccount.Create("owner");
        using var bootstrap = await anonymous.PostAsJsonAsync("/api/v1/auth/register", owner.RegisterBody);
        Assert.That(bootstrap.StatusCode, Is.EqualTo(HttpStatusCode.Created));

        using var uninvited = await anonymous.PostAsJsonAsync("/api/v1/auth/register", TestAccount.Create("bob").RegisterBody);
        await uninvited.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.invitation_required");

        using var login = await anonymous.PostAsJsonAsync("/api/v1/auth/login", TestAccounts.LoginBody(owner));
        var accessToken = (await login.ReadJsonAsync()).GetProperty("accessToken").GetString();
        using var ownerClient = inviteOnly.CreateClient();
        ownerClient.DefaultRequestHeaders.Authorization = new("Bearer", accessToken);
        using var invitation = await ownerClient.PostAsJsonAsync("/api/v1/tenant/invitations", new { role = "member" });
        var code = (await invitation.ReadJsonAsync()).GetProperty("code").GetString();

        var bob = TestAccount.Create("bob");
        bob.RegisterBody["invitationCode"] = code;
        using var invited = await anonymous.PostAsJsonAsync("/api/v1/auth/register", bob.RegisterBody);
        Assert.That(invited.StatusCode, Is.EqualTo(HttpStatusCode.Created));

        var carol = TestAccount.Create("carol");
        carol.RegisterBody["invitationCode"] = code;
        using var reused = await anonymous.PostAsJsonAsync("/api/v1/auth/register", carol.RegisterBody);
        await reused.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.invitation_invalid");
        Assert.That(await TestDatabase.CountAsync("auth.users"), Is.EqualTo(2));
    }
}
