using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Vault.Storage;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault;
using PasswordManager.Domain.Vault.RekeySessions;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.RekeySessions.OpenRekeySession;

/// <summary>
/// An admin starts a staged re-key from the vault's current key epoch, naming the members to revoke. One open
/// session per vault; an expired one is cleaned up and replaced.
/// </summary>
public sealed record OpenRekeySessionCommand(UserId AdminId, Guid VaultId, long FromKeyEpoch, IReadOnlyList<Guid> Revoke) : ICommand<Result<RekeySessionState>>, IVaultRequest
{
    UserId IVaultRequest.CallerId => AdminId;

    Permission IVaultRequest.RequiredPermission => Permission.Admin;
}

public sealed class OpenRekeySessionCommandHandler(IVaultDbContext db, BlobWrites writes, VaultPolicy policy, TimeProvider clock)
    : ICommandHandler<OpenRekeySessionCommand, Result<RekeySessionState>>
{
    public async ValueTask<Result<RekeySessionState>> Handle(OpenRekeySessionCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var admin = await db.RequireAsync(command.VaultId, command.AdminId, Permission.Admin, now, cancellationToken);
        if (admin.IsFailure) return admin.Error;

        await using var vaultLock = await db.LockVaultAsync(command.VaultId, cancellationToken);
        if (vaultLock is null) return new VaultNotFound(command.VaultId);
        var vault = vaultLock.Vault;
        if (await db.RekeySessions.AsNoTracking().SingleOrDefaultAsync(s => s.VaultId == vault.Id, cancellationToken) is { } existing)
        {
            if (existing.IsOpen(now)) return new RekeySessionOpen(existing.Id);
            await db.DiscardAsync(writes, existing.Id, cancellationToken);
        }

        if (command.FromKeyEpoch != vault.KeyEpoch) return new StaleKeyEpoch(vault.Id, vault.KeyEpoch);
        // The same rules the commit applies, checked now so a session that cannot commit is not started.
        var records = await db.AccessRecords.AsNoTracking().Where(r => r.VaultId == vault.Id && r.RevokedAt == null).ToListAsync(cancellationToken);
        var members = records.Select(r => r.UserId.Value).ToHashSet();
        if (command.Revoke.FirstOrDefault(id => !members.Contains(id)) is var unknown && unknown != Guid.Empty) return new MemberNotFound(unknown);
        var revoking = new VaultMembership(vault.OwnerId, records.Where(r => r.IsActive(now))).Revoke(command.AdminId, command.Revoke);
        if (revoking.IsFailure) return revoking.Error;

        var session = RekeySession.Open(vault.Id, command.AdminId, vault.KeyEpoch, command.Revoke, now, policy.RekeySessionLifetime);
        db.RekeySessions.Add(session);
        await vaultLock.CommitAsync(cancellationToken);
        return new RekeySessionState(session.Id, session.VaultId, session.FromKeyEpoch, session.Revoke, session.CreatedAt, session.ExpiresAt, 0, [], []);
    }
}
