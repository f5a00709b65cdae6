using PasswordManager.Domain.Common;

namespace PasswordManager.Domain.Vault.Vaults;

/// <summary>
/// The rule that keeps a vault administrable: the last admin and the owner may not leave, be demoted or be revoked.
/// Built from the vault's owner and its active members (revoked and expired records left out), under the vault lock.
/// </summary>
public sealed class VaultMembership
{
    private readonly UserId owner;
    private readonly IReadOnlyDictionary<UserId, Permission> active;

    public VaultMembership(UserId owner, IEnumerable<AccessRecord> activeRecords)
    {
        ArgumentNullException.ThrowIfNull(activeRecords);
        this.owner = owner;
        active = activeRecords.ToDictionary(r => r.UserId, r => r.Permission);
    }

    /// <summary>The member gives up their access.</summary>
    public Result Leave(UserId member) => LoseAdministration(member);

    /// <summary>An admin gives <paramref name="member"/> another permission.</summary>
    public Result ChangePermission(UserId member, Permission permission) =>
        permission == Permission.Admin ? Result.Success() : LoseAdministration(member);

    /// <summary>
    /// <paramref name="admin"/> revokes <paramref name="members"/> by re-keying the vault. The re-keying admin keeps the
    /// vault (they wrap its new key for everyone who stays), so revoking themselves is revoking the last admin.
    /// </summary>
    public Result Revoke(UserId admin, IEnumerable<Guid> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var revoked = members.Select(id => new UserId(id)).ToHashSet();
        if (revoked.Contains(admin)) return new SoleAdmin();
        if (revoked.Contains(owner)) return new OwnerProtected();
        return Result.Success();
    }

    private Result LoseAdministration(UserId member)
    {
        if (active.GetValueOrDefault(member) == Permission.Admin && active.Values.Count(p => p == Permission.Admin) == 1) return new SoleAdmin();
        if (member == owner) return new OwnerProtected();
        return Result.Success();
    }
}
