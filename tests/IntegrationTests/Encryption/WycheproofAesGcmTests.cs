using System.Runtime.CompilerServices;
using System.Text.Json;
using PasswordManager.Domain.Encryption.Crypto;

namespace PasswordManager.IntegrationTests.Encryption;

/// <summary>
/// Google Wycheproof AES-GCM vectors (Vectors/wycheproof, Apache-2.0) through the module's own AEAD, <see cref="Aes256Gcm"/>.
/// The module supports 256-bit keys, 96-bit nonces and 128-bit tags only; every other size must be refused, not used.
/// </summary>
public sealed class WycheproofAesGcmTests
{
    private static readonly JsonElement vectors = Load();

    [Test]
    public void ShouldPassEverySupportedVector()
    {
        var used = 0;
        foreach (var (group, test) in Tests().Where(t => IsSupported(t.Group)))
        {
            var key = Hex(test, "key");
            var iv = Hex(test, "iv");
            var aad = Hex(test, "aad");
            var msg = Hex(test, "msg");
            var sealedBytes = Hex(test, "ct").Concat(Hex(test, "tag")).ToArray();
            var valid = test.GetProperty("result").GetString() != "invalid";
            var id = test.GetProperty("tcId").GetInt32();

            var opened = Aes256Gcm.Open(key, iv, sealedBytes, aad);
            if (valid)
            {
                Assert.That(opened, Is.EqualTo(msg), $"tcId {id}: decrypt");
                Assert.That(Aes256Gcm.Seal(key, iv, msg, aad), Is.EqualTo(sealedBytes), $"tcId {id}: encrypt");
            }
            else
            {
                Assert.That(opened, Is.Null, $"tcId {id}: an invalid vector must not open");
            }

            used++;
            _ = group;
        }

        Assert.That(used, Is.GreaterThan(0));
        TestContext.Out.WriteLine($"Wycheproof AES-GCM vectors run through Aes256Gcm: {used}");
    }

    /// <summary>
    /// The same vectors through <see cref="DataKey"/>, twice over one instance per key, so every vector after the first
    /// of its key runs on a cipher context that already served others, invalid tags included.
    /// </summary>
    [Test]
    public void ShouldPassEverySupportedVectorOnReusedContexts()
    {
        var keys = new Dictionary<string, DataKey>();
        var used = 0;
        for (var round = 0; round < 2; round++)
        {
            foreach (var (_, test) in Tests().Where(t => IsSupported(t.Group)))
            {
                var hexKey = test.GetProperty("key").GetString()!;
                if (!keys.TryGetValue(hexKey, out var key)) keys[hexKey] = key = new DataKey(Convert.FromHexString(hexKey));
                var iv = Hex(test, "iv");
                var aad = Hex(test, "aad");
                var msg = Hex(test, "msg");
                var sealedBytes = Hex(test, "ct").Concat(Hex(test, "tag")).ToArray();
                var id = test.GetProperty("tcId").GetInt32();

                if (test.GetProperty("result").GetString() == "invalid")
                {
                    Assert.That(key.Open(iv, sealedBytes, aad), Is.Null, $"tcId {id}: an invalid vector must not open");
                }
                else
                {
                    var resealed = new byte[msg.Length + Aes256Gcm.TagSize];
                    key.Seal(iv, msg, aad, resealed);
                    Assert.That(key.Open(iv, sealedBytes, aad), Is.EqualTo(msg), $"tcId {id}: decrypt");
                    Assert.That(resealed, Is.EqualTo(sealedBytes), $"tcId {id}: encrypt");
                }

                used++;
            }
        }

        Assert.That(keys, Has.Count.LessThan(used / 2));
    }

    [Test]
    public void ShouldRefuseEveryOtherKeyOrNonceSize()
    {
        var refused = 0;
        foreach (var (_, test) in Tests().Where(t => !IsSupported(t.Group)))
        {
            var key = Hex(test, "key");
            var iv = Hex(test, "iv");
            var sealedBytes = Hex(test, "ct").Concat(Hex(test, "tag")).ToArray();

            Assert.Throws<ArgumentException>(() => Aes256Gcm.Open(key, iv, sealedBytes, Hex(test, "aad")));
            Assert.Throws<ArgumentException>(() => Aes256Gcm.Seal(key, iv, Hex(test, "msg"), Hex(test, "aad")));
            if (key.Length == Aes256Gcm.KeySize)
                Assert.Throws<ArgumentException>(() => new DataKey(key).Open(iv, sealedBytes, Hex(test, "aad")));
            else
                Assert.Throws<ArgumentException>(() => new DataKey(key));
            refused++;
        }

        Assert.That(refused, Is.GreaterThan(0));
    }

    private static bool IsSupported(JsonElement group) =>
        group.GetProperty("keySize").GetInt32() == 256 && group.GetProperty("ivSize").GetInt32() == 96 && group.GetProperty("tagSize").GetInt32() == 128;

    private static IEnumerable<(JsonElement Group, JsonElement Test)> Tests() =>
        from g in vectors.GetProperty("testGroups").EnumerateArray()
        from t in g.GetProperty("tests").EnumerateArray()
        select (g, t);

    private static byte[] Hex(JsonElement test, string name) => Convert.FromHexString(test.GetProperty(name).GetString()!);

    private static JsonElement Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Encryption", "Vectors", "wycheproof", "aes_gcm_test.json");
        if (!File.Exists(path)) path = Path.Combine(SourceDirectory(), "Vectors", "wycheproof", "aes_gcm_test.json");
        return JsonSerializer.Deserialize<JsonElement>(File.ReadAllText(path));
    }

    private static string SourceDirectory([CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;
}
