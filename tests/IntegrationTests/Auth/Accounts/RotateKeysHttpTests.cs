using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault.Vaults;
using PasswordManager.Infrastructure.Vault.Persistence;
using PasswordManager.IntegrationTests.Auth.ApiKeys;
using PasswordManager.IntegrationTests.Auth.Mfa;
using PasswordManager.IntegrationTests.Infrastructure;
using PasswordManager.IntegrationTests.Vault;

namespace PasswordManager.IntegrationTests.Auth.Accounts;

public sealed class RotateKeysHttpTests : TestBase
{
    private const string Path = "/api/v1/auth/account/keys";

    [Test]
    public async Task ShouldReplaceTheKeysTheBundleAndEveryRecordTogetherAndServeTheHandoverChain()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        var bob = await TestAccounts.RegisterAndLoginAsync("bob");
        var carol = await TestAccounts.RegisterAsync("carol");
        using var client = TestApp.CreateClient(alice.AccessToken);
        using var bobClient = TestApp.CreateClient(bob.AccessToken);
        var own = await TestVaults.CreateAsync(client);
        await TestVaults.GrantDirectlyAsync(own, carol.UserId, Permission.Read);
        var bobs = await TestVaults.CreateAsync(bobClient);
        await TestVaults.GrantDirectlyAsync(bobs, alice.Account.UserId, Permission.Write);
        var revisionBefore = await RevisionAsync(client, own);
        var bobsRecordBefore = await RecordAsync(bobs, bob.Account.UserId);
        var carolsRecordBefore = await RecordAsync(own, carol.UserId);
        var rotation = Rotation.From(alice.Account, version: 1);
        rotation.Own(own).Own(bobs).Other(own, carol.UserId);

        using var response = await client.PostAsJsonAsync(Path, rotation.Body());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync() + TestApp.Factory.Logs.RecentErrors);
        var result = await response.ReadJsonAsync();
        Assert.That(result.GetProperty("vaults").GetInt32(), Is.EqualTo(2));
        Assert.That(result.GetProperty("accessRecords").GetInt32(), Is.EqualTo(3));
        foreach (var vault in new[] { own, bobs })
        {
            var record = await RecordAsync(vault, alice.Account.UserId);
            Assert.That(record.WrappedKey, Is.EqualTo(rotation.WrappedKeys[(vault, alice.Account.UserId)]));
            Assert.That(record.GranterSignature, Is.EqualTo(rotation.Signatures[(vault, alice.Account.UserId)]));
            Assert.That(record.GranterId.Value, Is.EqualTo(alice.Account.UserId), "the member signs its own re-sealed record");
        }

        var carols = await RecordAsync(own, carol.UserId);
        Assert.That(carols.WrappedKey, Is.EqualTo(carolsRecordBefore.WrappedKey), "another member's key is only re-signed");
        Assert.That(carols.GranterSignature, Is.EqualTo(rotation.Signatures[(own, carol.UserId)]));
        Assert.That(carols.GranterId.Value, Is.EqualTo(alice.Account.UserId));
        var bobsRecord = await RecordAsync(bobs, bob.Account.UserId);
        Assert.That(bobsRecord.GranterSignature, Is.EqualTo(bobsRecordBefore.GranterSignature), "records alice neither holds nor signed stay");
        Assert.That(await RevisionAsync(client, own), Is.GreaterThan(revisionBefore), "members' devices sync the new records");

        var directory = await (await bobClient.GetAsync("/api/v1/directory/users/alice/public-key")).ReadJsonAsync();
        Assert.That(directory.GetProperty("publicKeyBundle").GetBytesFromBase64(), Is.EqualTo(rotation.NewBundle));
        Assert.That(directory.GetProperty("handovers").EnumerateArray().Select(h => h.GetBytesFromBase64()), Is.EqualTo(new[] { rotation.Handover }));
        using var login = await TestApp.CreateClient().PostAsJsonAsync("/api/v1/auth/login", TestAccounts.LoginBody(alice.Account));
        Assert.That((await login.ReadJsonAsync()).GetProperty("account").GetProperty("encryptedPrivateKeys").GetBytesFromBase64(), Is.EqualTo(rotation.EncryptedPrivateKeys));
        var events = await (await client.GetAsync("/api/v1/auth/security-events")).Content.ReadAsStringAsync();
        Assert.That(events, Does.Contain("\"keys_rotated\""));

        // A version-2 statement (with the back-link, 419 bytes) after the version-1 one: both served, each whole, in order.
        var second = Rotation.From(alice.Account, rotation.NewBundle);
        second.Own(own).Own(bobs).Other(own, carol.UserId);
        using var again = await client.PostAsJsonAsync(Path, second.Body());
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK), await again.Content.ReadAsStringAsync());
        var third = Rotation.From(alice.Account, second.NewBundle);
        third.Own(own).Own(bobs).Other(own, carol.UserId);
        using var thirdResponse = await client.PostAsJsonAsync(Path, third.Body());
        Assert.That(thirdResponse.StatusCode, Is.EqualTo(HttpStatusCode.OK), await thirdResponse.Content.ReadAsStringAsync());
        var chain = await (await bobClient.GetAsync($"/api/v1/directory/user-ids/{alice.Account.UserId}/public-key")).ReadJsonAsync();
        Assert.That(
            chain.GetProperty("handovers").EnumerateArray().Select(h => h.GetBytesFromBase64()),
            Is.EqualTo(new[] { rotation.Handover, second.Handover, third.Handover }));
        Assert.That(second.Handover, Has.Length.EqualTo(419));
    }

    [TestCase("missing", TestName = "ShouldRefuseARotationMissingARecordItSignedAndChangeNothing")]
    [TestCase("extra", TestName = "ShouldRefuseARotationNamingAVaultOfSomeoneElseAndChangeNothing")]
    [TestCase("epoch", TestName = "ShouldRefuseARotationAtAnOldKeyEpochAndChangeNothing")]
    [TestCase("revoked", TestName = "ShouldRefuseARotationNamingARevokedMembershipAndChangeNothing")]
    [TestCase("handover", TestName = "ShouldRefuseAHandoverFromAnotherBundleAndChangeNothing")]
    [TestCase("same", TestName = "ShouldRefuseARotationToTheCurrentBundleAndChangeNothing")]
    public async Task ShouldRefuseAMismatchWithConflictAndChangeNothing(string mismatch)
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        var bob = await TestAccounts.RegisterAndLoginAsync("bob");
        var carol = await TestAccounts.RegisterAsync("carol");
        using var client = TestApp.CreateClient(alice.AccessToken);
        using var bobClient = TestApp.CreateClient(bob.AccessToken);
        var own = await TestVaults.CreateAsync(client);
        await TestVaults.GrantDirectlyAsync(own, carol.UserId, Permission.Read);
        var second = await TestVaults.CreateAsync(client);
        var bobs = await TestVaults.CreateAsync(bobClient);
        var left = await TestVaults.CreateAsync(bobClient);
        await TestVaults.GrantDirectlyAsync(left, alice.Account.UserId, Permission.Read);
        await TestVaults.RevokeDirectlyAsync(left, alice.Account.UserId);
        var rotation = mismatch switch
        {
            "handover" => Rotation.From(alice.Account, Bundle(alice.Account.UserId)),
            _ => Rotation.From(alice.Account),
        };
        rotation.Own(own).Own(second);
        if (mismatch != "missing") rotation.Other(own, carol.UserId);
        if (mismatch == "extra") rotation.Own(bobs);
        if (mismatch == "revoked") rotation.Own(left);
        if (mismatch == "epoch") rotation.Records[^1]["keyEpoch"] = 2;
        var body = rotation.Body();
        if (mismatch == "same") body["publicKeyBundle"] = Convert.ToBase64String(rotation.OldBundle);
        var before = await KeyStateAsync();

        using var response = await client.PostAsJsonAsync(Path, body);

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "auth.key_rotation_conflict");
        Assert.That(await KeyStateAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task ShouldRefuseAnonymousCallersApiKeysAWrongAuthHashAndAnotherUsersRecordsAndChangeNothing()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        var mallory = await TestAccounts.RegisterAndLoginAsync("mallory");
        var key = await TestApiKeys.CreateAsync(alice, TestApiKeys.AllScopes);
        using var client = TestApp.CreateClient(alice.AccessToken);
        using var malloryClient = TestApp.CreateClient(mallory.AccessToken);
        var vault = await TestVaults.CreateAsync(client);
        var rotation = Rotation.From(alice.Account).Own(vault);
        var wrongHash = Rotation.From(alice.Account).Own(vault);
        wrongHash.AuthHash = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var malloryRotation = Rotation.From(mallory.Account);
        malloryRotation.Records.Add(new JsonObject
        {
            ["vaultId"] = vault,
            ["userId"] = alice.Account.UserId,
            ["keyEpoch"] = 1,
            ["granterSignature"] = TestVaults.Signature(),
        });
        var before = await KeyStateAsync();

        using var anonymous = await TestApp.CreateClient().PostAsJsonAsync(Path, rotation.Body());
        using var apiKey = await TestApiKeys.Client(key).PostAsJsonAsync(Path, rotation.Body());
        using var wrong = await client.PostAsJsonAsync(Path, wrongHash.Body());
        using var other = await malloryClient.PostAsJsonAsync(Path, rotation.Body());
        using var othersRecords = await malloryClient.PostAsJsonAsync(Path, malloryRotation.Body());

        await anonymous.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        await apiKey.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.api_key_not_allowed");
        await wrong.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.wrong_master_password");
        await other.AssertProblemAsync(HttpStatusCode.BadRequest, "request.validation_failed");
        await othersRecords.AssertProblemAsync(HttpStatusCode.Conflict, "auth.key_rotation_conflict");
        Assert.That(await KeyStateAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task ShouldRequireASecondFactorWhenMfaIsOn()
    {
        var mfa = await TestMfa.RegisterWithMfaAsync("alice");
        using var client = TestApp.CreateClient(mfa.Login.AccessToken);
        var vault = await TestVaults.CreateAsync(client);
        var before = await KeyStateAsync();

        var withoutCode = Rotation.From(mfa.Account).Own(vault);
        using var refused = await client.PostAsJsonAsync(Path, withoutCode.Body());
        await refused.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.mfa_code_required");
        Assert.That(await KeyStateAsync(), Is.EqualTo(before));

        var withCode = Rotation.From(mfa.Account).Own(vault);
        var body = withCode.Body();
        body["code"] = mfa.CodeAt(TestMfa.CurrentStep + 1);
        using var accepted = await client.PostAsJsonAsync(Path, body);
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.OK), await accepted.Content.ReadAsStringAsync());
    }

    [TestCase("{}", "request.validation_failed", TestName = "ShouldRejectAnEmptyRotation")]
    [TestCase("{\"authHash\":", "request.malformed", TestName = "ShouldRejectMalformedRotationJson")]
    [TestCase("", "request.malformed", TestName = "ShouldRejectAMissingRotationBody")]
    [TestCase("control", "request.validation_failed", TestName = "ShouldRejectControlCharactersInARotation")]
    [TestCase("foreign-bundle", "request.validation_failed", TestName = "ShouldRejectABundleOfAnotherUser")]
    [TestCase("short-handover", "request.validation_failed", TestName = "ShouldRejectAShortHandover")]
    [TestCase("v1-length-v2-byte", "request.validation_failed", TestName = "ShouldRejectAVersion2HandoverWithoutItsBackLink")]
    [TestCase("v2-length-v1-byte", "request.validation_failed", TestName = "ShouldRejectAVersion1HandoverWithTrailingBytes")]
    [TestCase("unknown-version", "request.validation_failed", TestName = "ShouldRejectAHandoverOfAnUnknownVersion")]
    [TestCase("duplicate", "request.validation_failed", TestName = "ShouldRejectARecordNamedTwice")]
    [TestCase("other-key", "request.validation_failed", TestName = "ShouldRejectANewKeyForAnotherMember")]
    [TestCase("own-without-key", "request.validation_failed", TestName = "ShouldRejectAnOwnRecordWithoutAKey")]
    [TestCase("huge-epoch", "request.malformed", TestName = "ShouldRejectAnEpochBeyondRange")]
    [TestCase("bad-code", "request.validation_failed", TestName = "ShouldRejectAMalformedMfaCode")]
    public async Task ShouldRejectBadInputAndChangeNothing(string input, string code)
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        using var client = TestApp.CreateClient(alice.AccessToken);
        var vault = await TestVaults.CreateAsync(client);
        var rotation = Rotation.From(alice.Account).Own(vault);
        var body = rotation.Body();
        var text = input switch
        {
            "{}" or "{\"authHash\":" or "" => input,
            _ => null,
        };
        switch (input)
        {
            case "control": body["handover"] = "\u0000\u0001\u001b[2J"; break;
            case "foreign-bundle": body["publicKeyBundle"] = Convert.ToBase64String(Bundle(Guid.NewGuid())); break;
            case "short-handover": body["handover"] = Convert.ToBase64String(rotation.Handover[..354]); break;
            case "v1-length-v2-byte": body["handover"] = Convert.ToBase64String(rotation.Handover[..355]); break;
            case "v2-length-v1-byte": body["handover"] = Convert.ToBase64String([0x01, .. rotation.Handover.AsSpan(1)]); break;
            case "unknown-version": body["handover"] = Convert.ToBase64String([0x03, .. rotation.Handover.AsSpan(1)]); break;
            case "duplicate": ((JsonArray)body["accessRecords"]!).Add(rotation.Records[0].DeepClone()); break;
            case "other-key":
                ((JsonArray)body["accessRecords"]!).Add(new JsonObject
                {
                    ["vaultId"] = vault,
                    ["userId"] = Guid.NewGuid(),
                    ["keyEpoch"] = 1,
                    ["wrappedKey"] = TestVaults.WrappedKey(),
                    ["granterSignature"] = TestVaults.Signature(),
                });
                break;
            case "own-without-key": ((JsonObject)body["accessRecords"]![0]!).Remove("wrappedKey"); break;
            case "huge-epoch": text = body.ToJsonString().Replace("\"keyEpoch\":1", "\"keyEpoch\":1" + new string('0', 40), StringComparison.Ordinal); break;
            case "bad-code": body["code"] = "12345\u0000"; break;
        }

        var before = await KeyStateAsync();

        using var response = await client.PostAsync(Path, new StringContent(text ?? body.ToJsonString(), Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, code);
        Assert.That(await KeyStateAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task ShouldRejectAHugeBodyAndTooManyRecordsAndChangeNothing()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        using var client = TestApp.CreateClient(alice.AccessToken);
        var vault = await TestVaults.CreateAsync(client);
        var before = await KeyStateAsync();
        var tooMany = Rotation.From(alice.Account).Own(vault);
        for (var i = 0; i < 10_000; i++)
            tooMany.Records.Add(new JsonObject { ["vaultId"] = vault, ["userId"] = Guid.NewGuid(), ["keyEpoch"] = 1, ["granterSignature"] = TestVaults.Signature() });

        using var huge = await client.PostAsync(Path, new StringContent($"{{\"authHash\":\"{new string('A', 9_000_000)}\"}}", Encoding.UTF8, "application/json"));
        using var many = await client.PostAsJsonAsync(Path, tooMany.Body());

        Assert.That(huge.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        await many.AssertProblemAsync(HttpStatusCode.BadRequest, "request.validation_failed");
        Assert.That(await KeyStateAsync(), Is.EqualTo(before));
    }

    private static byte[] Bundle(Guid userId)
    {
        var bundle = new byte[145];
        bundle[0] = 0x01;
        userId.TryWriteBytes(bundle.AsSpan(1, 16), bigEndian: true, out _);
        RandomNumberGenerator.Fill(bundle.AsSpan(17));
        return bundle;
    }

    private static async Task<long> RevisionAsync(HttpClient client, Guid vaultId) =>
        (await (await client.GetAsync($"/api/v1/vaults/{vaultId}")).ReadJsonAsync()).GetProperty("revision").GetInt64();

    private static async Task<AccessRecord> RecordAsync(Guid vaultId, Guid userId)
    {
        await using var scope = TestApp.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VaultDbContext>();
        return db.AccessRecords.Single(r => r.VaultId == vaultId && r.UserId == new UserId(userId));
    }

    /// <summary>Everything a rotation may change: the accounts' key columns, the access records and the vaults' revisions.</summary>
    private static async Task<string> KeyStateAsync()
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT coalesce(string_agg(line, E'\n' ORDER BY line), '') FROM (
                SELECT concat_ws('|', id, encode(encrypted_private_keys, 'hex'), encode(public_key_bundle, 'hex'), encode(key_handovers, 'hex'), updated_at) AS line FROM auth.users
                UNION ALL SELECT row_to_json(r)::text FROM vault.access_records r
                UNION ALL SELECT row_to_json(v)::text FROM vault.vaults v
                UNION ALL SELECT concat_ws('|', type, user_id) FROM auth.security_events WHERE type = 'keys_rotated') lines
            """, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// A rotation request made of random bytes in the v1 formats, with a hand-over from the account's bundle (version 2 unless
    /// told: the signatures are random, the server checks formats only).
    /// </summary>
    private sealed class Rotation
    {
        public required Guid UserId { get; init; }

        public required byte[] OldBundle { get; init; }

        public required byte[] NewBundle { get; init; }

        public required byte[] Handover { get; init; }

        public required byte[] EncryptedPrivateKeys { get; init; }

        public required string AuthHash { get; set; }

        public List<JsonObject> Records { get; } = [];

        public Dictionary<(Guid, Guid), byte[]> WrappedKeys { get; } = [];

        public Dictionary<(Guid, Guid), byte[]> Signatures { get; } = [];

        public static Rotation From(TestAccount account, byte[]? current = null, int version = 2)
        {
            var old = current ?? Convert.FromBase64String(account.RegisterBody["publicKeyBundle"]!.GetValue<string>());
            var next = Bundle(account.UserId);
            byte[] handover = [(byte)version, .. old, .. next, .. RandomNumberGenerator.GetBytes(version == 1 ? 64 : 128)];
            byte[] keys = [0x01, 0x01, .. RandomNumberGenerator.GetBytes(24 + 64 + 16)];
            return new Rotation
            {
                UserId = account.UserId,
                OldBundle = old,
                NewBundle = next,
                Handover = handover,
                EncryptedPrivateKeys = keys,
                AuthHash = account.AuthHashBase64,
            };
        }

        public Rotation Own(Guid vaultId)
        {
            var wrapped = Convert.FromBase64String(TestVaults.WrappedKey());
            var signature = RandomNumberGenerator.GetBytes(64);
            (WrappedKeys[(vaultId, UserId)], Signatures[(vaultId, UserId)]) = (wrapped, signature);
            Records.Add(new JsonObject
            {
                ["vaultId"] = vaultId,
                ["userId"] = UserId,
                ["keyEpoch"] = 1,
                ["wrappedKey"] = Convert.ToBase64String(wrapped),
                ["granterSignature"] = Convert.ToBase64String(signature),
            });
            return this;
        }

        public Rotation Other(Guid vaultId, Guid member)
        {
            var signature = RandomNumberGenerator.GetBytes(64);
            Signatures[(vaultId, member)] = signature;
            Records.Add(new JsonObject
            {
                ["vaultId"] = vaultId,
                ["userId"] = member,
                ["keyEpoch"] = 1,
                ["granterSignature"] = Convert.ToBase64String(signature),
            });
            return this;
        }

        public JsonObject Body() => new()
        {
            ["authHash"] = AuthHash,
            ["encryptedPrivateKeys"] = Convert.ToBase64String(EncryptedPrivateKeys),
            ["publicKeyBundle"] = Convert.ToBase64String(NewBundle),
            ["handover"] = Convert.ToBase64String(Handover),
            ["accessRecords"] = new JsonArray([.. Records.Select(r => (JsonNode)r.DeepClone())]),
        };
    }
}
