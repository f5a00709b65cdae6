using System.Runtime.Versioning;
using System.Security.Cryptography;
using PasswordManager.EndToEndTests.Infrastructure;
using static PasswordManager.EndToEndTests.Cli.AccountLifecycleTests;

namespace PasswordManager.EndToEndTests.Vault;

/// <summary>
/// pm attach, attachments, download and detach against the real server, once with the S3 blob store (s3rver; downloads
/// through presigned URLs) and once with the filesystem store (downloads through the API), and a tampered blob.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class AttachmentCliTests
{
    private const UnixFileMode ownerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private ServerProcess fileSystemServer = null!;
    private string fileSystemWork = null!;

    [OneTimeSetUp]
    public async Task StartFileSystemServerAsync()
    {
        fileSystemWork = Directory.CreateDirectory(Path.Combine(ServerFixture.WorkFolder, "filesystem-store")).FullName;
        fileSystemServer = await ServerProcess.StartAsync(fileSystemWork, s3BlobStore: false);
    }

    [OneTimeTearDown]
    public async Task StopFileSystemServerAsync()
    {
        if (fileSystemServer is not null) await fileSystemServer.DisposeAsync();
    }

    [TestCase(true)]
    [TestCase(false)]
    [CancelAfter(180_000)]
    public async Task AttachListDownloadAndDetach(bool s3BlobStore)
    {
        var server = s3BlobStore ? ServerFixture.Server : fileSystemServer;
        var (pm, password) = await NewAccountAsync(server, "attach");
        await Expect(0, pm.RunAsync(["add", "--name", "Tax office", "--no-password", "--json"], password, null));
        var folder = Directory.CreateTempSubdirectory("pm-attach-").FullName;
        var source = Path.Combine(folder, "scan 2025.pdf");
        var content = RandomNumberGenerator.GetBytes((3 * 65536) + 1234);
        await File.WriteAllBytesAsync(source, content);

        var attached = await Expect(0, pm.RunAsync(["attach", "Tax office", source, "--type", "application/pdf", "--json"], password, null));
        var attachmentId = attached.GetProperty("attachmentId").GetGuid();
        Assert.Multiple(() =>
        {
            Assert.That(attached.GetProperty("name").GetString(), Is.EqualTo("scan 2025.pdf"));
            Assert.That(attached.GetProperty("size").GetInt64(), Is.EqualTo(content.Length));
            Assert.That(attached.GetProperty("encryptedSize").GetInt64(), Is.GreaterThan(content.Length));
        });
        var human = await pm.RunAsync(["attach", "Tax office", source, "--name", "copy.pdf"], password, null);
        Assert.That(human.ExitCode, Is.Zero, human.ToString());
        Assert.That(human.Stdout, Does.Match("[0-9a-f]{8}-[0-9a-f]{4}-"), "prints the attachment id");

        var listed = await Expect(0, pm.RunAsync(["attachments", "Tax office", "--json"], password, null));
        var items = listed.GetProperty("items").EnumerateArray().ToList();
        Assert.That(items.Select(i => i.GetProperty("name").GetString()), Is.EqualTo(new[] { "scan 2025.pdf", "copy.pdf" }));
        Assert.That(items[0].GetProperty("mediaType").GetString(), Is.EqualTo("application/pdf"));
        Assert.That(items[0].GetProperty("size").GetInt64(), Is.EqualTo(content.Length));

        var target = Path.Combine(folder, "back.pdf");
        var downloaded = await Expect(0, pm.RunAsync(["download", "Tax office", attachmentId.ToString(), "--out", target, "--json"], password, null));
        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllBytes(target), Is.EqualTo(content), "byte-identical");
            Assert.That(File.GetUnixFileMode(target), Is.EqualTo(ownerReadWrite));
            Assert.That(downloaded.GetProperty("viaPresignedUrl").GetBoolean(), Is.EqualTo(s3BlobStore));
        });

        await ExpectError(1, "cli.usage", pm.RunAsync(["download", "Tax office", "scan 2025.pdf", "--out", target, "--json"], password, null));
        File.WriteAllText(target, "something else");
        await Expect(0, pm.RunAsync(["download", "Tax office", "scan 2025.pdf", "--out", target, "--force", "--json"], password, null));
        Assert.That(File.ReadAllBytes(target), Is.EqualTo(content), "replaced with --force");
        Assert.That(Directory.GetFiles(folder, "*.pm-partial"), Is.Empty, "no temporary file left behind");

        await Expect(0, pm.RunAsync(["detach", "Tax office", "scan 2025.pdf", "--json"], password, null));
        var after = await Expect(0, pm.RunAsync(["attachments", "Tax office", "--json"], password, null));
        Assert.That(after.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()), Is.EqualTo(new[] { "copy.pdf" }));
        await ExpectError(4, "cli.not_found", pm.RunAsync(["download", "Tax office", attachmentId.ToString(), "--out", Path.Combine(folder, "gone"), "--json"], password, null));
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task RefusesATamperedBlobAndWritesNothing()
    {
        var (pm, password) = await NewAccountAsync(fileSystemServer, "tamper");
        await Expect(0, pm.RunAsync(["add", "--name", "Deeds", "--no-password", "--json"], password, null));
        var folder = Directory.CreateTempSubdirectory("pm-tamper-").FullName;
        var source = Path.Combine(folder, "deed.txt");
        await File.WriteAllBytesAsync(source, RandomNumberGenerator.GetBytes(200_000));
        var attached = await Expect(0, pm.RunAsync(["attach", "Deeds", source, "--json"], password, null));
        var attachmentId = attached.GetProperty("attachmentId").GetGuid();

        // The server's operator (or a thief of its disk) flips one byte in the middle of the stored blob.
        var blob = Directory.EnumerateFiles(fileSystemServer.DataDirectory, "*", SearchOption.AllDirectories)
            .Single(f => f.Contains(attachmentId.ToString("N"), StringComparison.Ordinal));
        var bytes = await File.ReadAllBytesAsync(blob);
        bytes[100_000] ^= 0x01;
        await File.WriteAllBytesAsync(blob, bytes);

        var target = Path.Combine(folder, "deed-back.txt");
        await ExpectError(5, "cli.attachment_tampered", pm.RunAsync(["download", "Deeds", "deed.txt", "--out", target, "--json"], password, null));
        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(target), Is.False, "nothing written");
            Assert.That(Directory.GetFiles(folder, "*.pm-partial"), Is.Empty, "the unverified temporary file is removed");
        });
        Directory.Delete(folder, recursive: true);
    }

    private static async Task<(PmCli Pm, string Password)> NewAccountAsync(ServerProcess server, string prefix)
    {
        var pm = ServerFixture.NewCli();
        var username = TestUsers.NewUsername(prefix);
        var (password, _) = TestUsers.NewPassword();
        await Expect(0, pm.RunAsync("config", "server", server.Address.ToString()));
        await Expect(0, pm.RunAsync(["register", "-u", username], password, null));
        await Expect(0, pm.RunAsync(["login", "-u", username], password, null));
        return (pm, password);
    }
}
