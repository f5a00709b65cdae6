using System.Net;
using PasswordManager.Client.Crypto.Attachments;
using PasswordManager.Client.Crypto.Entries;
using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Crypto.Sharing;
using PasswordManager.Client.Sdk.Sharing;
using PasswordManager.Client.Sdk.Sharing.Contracts;
using PasswordManager.Client.Sdk.Tests.Support;
using PasswordManager.Client.Sdk.Tokens;
using PasswordManager.Client.Sdk.Vault;
using PasswordManager.Client.Sdk.Vault.Contracts;

namespace PasswordManager.Client.Sdk.Tests.Sharing;

/// <summary>Revoke picks its path before uploading anything: one request, or a staged session when the vault has attachments.</summary>
public sealed class RevokePathTests
{
    [Test]
    public async Task ShouldReKeyAVaultWithoutAttachmentsInOneRequest()
    {
        using var world = await RevokeWorld.CreateAsync(withAttachment: false);

        var result = await world.Sharing.RevokeAsync(world.VaultId, [world.Bob.UserId]);

        Assert.Multiple(() =>
        {
            Assert.That(result.Attempts, Is.EqualTo(1));
            Assert.That(world.Server.Count($"GET {world.Base}/attachments"), Is.EqualTo(1), "the vault's attachments were listed up front");
            Assert.That(world.Server.Count($"POST {world.Base}/rekey"), Is.EqualTo(1));
            Assert.That(world.Server.Count($"POST {world.Base}/rekey-sessions"), Is.Zero);
            Assert.That(world.Server.Count("GET /api/v1/sync"), Is.Zero);
        });
    }

    [Test]
    public async Task ShouldReKeyAVaultWithAttachmentsThroughASessionWithoutTryingOneRequestFirst()
    {
        using var world = await RevokeWorld.CreateAsync(withAttachment: true);

        var result = await world.Sharing.RevokeAsync(world.VaultId, [world.Bob.UserId]);

        Assert.Multiple(() =>
        {
            Assert.That(result.Attempts, Is.EqualTo(1));
            Assert.That(world.Server.Count($"POST {world.Base}/rekey"), Is.Zero, "no one-shot attempt to learn about attachments from a 409");
            Assert.That(world.Server.Count($"POST {world.Base}/rekey-sessions"), Is.EqualTo(1));
            Assert.That(world.Server.Count($"PUT {world.Base}/rekey-sessions/{world.SessionId}/attachments/{world.AttachmentId}"), Is.EqualTo(1));
            Assert.That(world.Server.Count($"POST {world.Base}/rekey-sessions/{world.SessionId}/commit"), Is.EqualTo(1));
            Assert.That(world.Server.Count("GET /api/v1/sync"), Is.Zero, "attachments come from the vault's own listing, not a sync of the account");
        });
    }

    private sealed class RevokeWorld : IDisposable
    {
        private readonly VaultKey key;
        private readonly PmClient client;
        private readonly VaultOperations vaults;

        private RevokeWorld(AccountKeys alice, AccountKeys bob, VaultKey key, StubServer server, InMemoryTokenStore tokens)
        {
            (Alice, Bob, this.key, Server) = (alice, bob, key, server);
            client = server.CreateClient(tokens);
            vaults = client.OpenVaults(alice, username: "alice");
            Sharing = client.OpenSharing(vaults);
        }

        public AccountKeys Alice { get; }

        public AccountKeys Bob { get; }

        public StubServer Server { get; }

        public SharingOperations Sharing { get; }

        public Guid VaultId => key.VaultId;

        public string Base => $"/api/v1/vaults/{VaultId}";

        public Guid SessionId { get; } = Guid.NewGuid();

        public Guid AttachmentId { get; } = Guid.NewGuid();

        public static async Task<RevokeWorld> CreateAsync(bool withAttachment)
        {
            var tokens = new InMemoryTokenStore();
            await tokens.SaveAsync(new SessionTokens(Guid.NewGuid(), "refresh", "access", DateTimeOffset.UtcNow.AddHours(1)), default);
            var world = new RevokeWorld(AccountKeys.Create(Guid.NewGuid()), AccountKeys.Create(Guid.NewGuid()), VaultKey.Create(Guid.NewGuid(), 1), new StubServer(), tokens);
            await world.ArrangeAsync(withAttachment);
            return world;
        }

        public void Dispose()
        {
            vaults.Dispose();
            client.Dispose();
            Server.Dispose();
            key.Dispose();
            Alice.Dispose();
            Bob.Dispose();
        }

        private async Task ArrangeAsync(bool withAttachment)
        {
            var own = key.WrapFor(Alice.PublicBundle, AccessPermission.Admin, Alice);
            var bobs = key.WrapFor(Bob.PublicBundle, AccessPermission.Read, Alice);
            Server.OnJson($"GET {Base}", new VaultSummary(VaultId, VaultKind.Shared, 3, 1, null, DateTimeOffset.UtcNow,
                new MemberAccess(Alice.UserId, VaultPermission.Admin, 1, own.WrappedKey, Alice.UserId, own.Signature)));
            Server.OnJson($"GET {Base}/members", new MemberList(1,
            [
                new MemberRecord(Alice.UserId, VaultPermission.Admin, 1, own.WrappedKey, Alice.UserId, own.Signature),
                new MemberRecord(Bob.UserId, VaultPermission.Read, 1, bobs.WrappedKey, Alice.UserId, bobs.Signature),
            ]));

            var entryId = Guid.NewGuid();
            var entry = new EntryState(entryId, VaultId, 1, 1, 100, false, DateTimeOffset.UtcNow, Alice.UserId, 2);
            var ciphertext = EntryCipher.Encrypt(key, entryId, 1, new EntryData { Name = "GitHub", Password = "hunter2" }.ToUtf8());
            Server.OnJson($"GET {Base}/entries", new ListEntriesResult([entry], null));
            Server.OnJson($"POST {Base}/entries/fetch", new FetchEntriesResult([new EntryDetails(entry, ciphertext)]));

            var attachments = new List<AttachmentState>();
            if (withAttachment)
            {
                await using var encrypting = AttachmentCipher.Encrypt(key, entryId, AttachmentId, new AttachmentMetadata("plans.txt"), new MemoryStream("secret plans"u8.ToArray()));
                using var body = new MemoryStream();
                await encrypting.CopyToAsync(body);
                var bytes = body.ToArray();
                attachments.Add(new AttachmentState(AttachmentId, entryId, VaultId, 1, bytes.Length, false, DateTimeOffset.UtcNow, Alice.UserId, DateTimeOffset.UtcNow, 2));
                Server.On($"GET {Base}/entries/{entryId}/attachments/{AttachmentId}", _ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
                {
                    Content = new ByteArrayContent(bytes),
                }));
            }

            Server.OnJson($"GET {Base}/attachments", new VaultAttachmentList(attachments, null));

            var outcome = new RekeyOutcome(VaultId, 2, 1, 1, [Bob.UserId]);
            Server.On($"POST {Base}/rekey", _ => Task.FromResult(withAttachment
                ? StubServer.Problem(HttpStatusCode.Conflict, ProblemCodes.RekeyMismatch, "The vault has attachments.")
                : StubServer.Json(HttpStatusCode.OK, outcome)));
            Server.OnJson($"POST {Base}/rekey-sessions", new RekeySessionState(SessionId, VaultId, 1, [Bob.UserId], DateTimeOffset.UtcNow.AddHours(1), 0));
            Server.OnJson($"PUT {Base}/rekey-sessions/{SessionId}/entries", new UploadRekeyEntriesResult(1));
            Server.OnJson($"PUT {Base}/rekey-sessions/{SessionId}/attachments/{AttachmentId}", new UploadRekeyAttachmentResult(AttachmentId, 100, 1));
            Server.OnJson($"POST {Base}/rekey-sessions/{SessionId}/commit", outcome);
        }
    }
}
