using Mediator;
using Microsoft.Extensions.DependencyInjection;
using PasswordManager.Application.Vault.Attachments.UploadAttachment;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault;
using PasswordManager.IntegrationTests.Infrastructure;
using static PasswordManager.IntegrationTests.Vault.Attachments.TestAttachments;

namespace PasswordManager.IntegrationTests.Vault.Attachments;

/// <summary>The upload use case below HTTP: its own size cap and its cleanup when the body fails mid-stream.</summary>
public sealed class UploadAttachmentTests : TestBase
{
    [Test]
    public async Task ShouldCapABodyOfUnknownLengthItselfAndStoreNothing()
    {
        var (alice, vaultId, entryId) = await ArrangeAsync(FileSystem);

        var result = await SendAsync(alice, vaultId, entryId, new Body(MaxBytes + 1, failAt: null));

        Assert.That(result.IsFailure ? result.Error : null, Is.EqualTo(new AttachmentTooLarge(MaxBytes)));
        await AssertNothingStoredAsync(vaultId);
    }

    [Test]
    public async Task ShouldLeaveNothingBehindWhenTheBodyBreaksOff()
    {
        var (alice, vaultId, entryId) = await ArrangeAsync(FileSystem);

        Assert.ThrowsAsync<IOException>(() => SendAsync(alice, vaultId, entryId, new Body(MaxBytes, failAt: 1024 * 1024)));

        await AssertNothingStoredAsync(vaultId);
    }

    private static async Task<Result<Domain.Vault.Attachments.AttachmentState>> SendAsync(LoggedIn user, Guid vaultId, Guid entryId, Stream body)
    {
        await using var scope = FileSystem.Services.CreateAsyncScope();
        var command = new UploadAttachmentCommand(new UserId(user.Account.UserId), vaultId, entryId, Guid.NewGuid(), 1, body);
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    private static async Task AssertNothingStoredAsync(Guid vaultId)
    {
        Assert.That(await TestDatabase.CountAsync("vault.attachments"), Is.Zero);
        Assert.That(await TestDatabase.CountAsync("vault.blob_garbage"), Is.Zero);
        Assert.That(BlobFiles(vaultId), Is.Empty);
    }

    /// <summary>A non-seekable body of zeros that optionally fails like a dropped connection.</summary>
    private sealed class Body(long length, long? failAt) : Stream
    {
        private long position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (failAt is { } fail && position >= fail) throw new IOException("The client went away.");
            var read = (int)Math.Min(count, length - position);
            Array.Clear(buffer, offset, read);
            position += read;
            return read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
