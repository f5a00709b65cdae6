using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PasswordManager.Application.Sharing;
using PasswordManager.Domain.Sharing.Invitations;

namespace PasswordManager.Infrastructure.Sharing.Persistence;

public sealed class SharingDbContext(DbContextOptions<SharingDbContext> options) : DbContext(options), ISharingDbContext
{
    internal const string Schema = "sharing";

    public DbSet<VaultInvitation> Invitations => Set<VaultInvitation>();

    public void JoinTransaction(DbTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        Database.SetDbConnection(transaction.Connection, contextOwnsConnection: false);
        Database.UseTransaction(transaction);
    }

    public async Task<ISharingTransaction> BeginTransactionAsync(CancellationToken cancellationToken) =>
        new Transaction(await Database.BeginTransactionAsync(cancellationToken));

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(
            typeof(SharingDbContext).Assembly,
            t => t.Namespace?.StartsWith(typeof(SharingDbContext).Namespace!, StringComparison.Ordinal) == true);
    }

    private sealed class Transaction(IDbContextTransaction transaction) : ISharingTransaction
    {
        public DbTransaction Shared => transaction.GetDbTransaction();

        public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

        public ValueTask DisposeAsync() => transaction.DisposeAsync();
    }
}
