using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.UnitTests.Domain.Vault.Vaults;

public sealed class VaultMembershipTests
{
    private static readonly DateTimeOffset now = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid vaultId = Guid.Parse("0190f3b4-1c2d-7e3f-8a4b-000000000001");
    private static readonly UserId owner = new(Guid.Parse("0190f3b4-1c2d-7e3f-8a4b-00000000000a"));
    private static readonly UserId secondAdmin = new(Guid.Parse("0190f3b4-1c2d-7e3f-8a4b-00000000000b"));
    private static readonly UserId writer = new(Guid.Parse("0190f3b4-1c2d-7e3f-8a4b-00000000000c"));
    private static readonly UserId soleAdmin = new(Guid.Parse("0190f3b4-1c2d-7e3f-8a4b-00000000000d"));

    [Test]
    public void ShouldLetMemberLeave() =>
        Assert.That(Membership((owner, Permission.Admin), (writer, Permission.Write)).Leave(writer).IsSuccess, Is.True);

    [Test]
    public void ShouldLetAdminLeaveWhileAnotherAdminStays() =>
        Assert.That(Membership((owner, Permission.Admin), (secondAdmin, Permission.Admin)).Leave(secondAdmin).IsSuccess, Is.True);

    [Test]
    public void ShouldRefuseLastAdminLeaving() =>
        Assert.That(ErrorOf(Membership(owner, (soleAdmin, Permission.Admin), (writer, Permission.Write)).Leave(soleAdmin)), Is.EqualTo(new SoleAdmin()));

    [Test]
    public void ShouldRefuseOwnerLeavingEvenWithAnotherAdmin() =>
        Assert.That(ErrorOf(Membership((owner, Permission.Admin), (secondAdmin, Permission.Admin)).Leave(owner)), Is.EqualTo(new OwnerProtected()));

    [Test]
    public void ShouldNameLastAdminBeforeOwnerWhenBothApply() =>
        Assert.That(ErrorOf(Membership((owner, Permission.Admin), (writer, Permission.Write)).Leave(owner)), Is.EqualTo(new SoleAdmin()));

    [Test]
    public void ShouldLetAdminDemoteAnotherAdmin() =>
        Assert.That(
            Membership((owner, Permission.Admin), (secondAdmin, Permission.Admin)).ChangePermission(secondAdmin, Permission.Read).IsSuccess, Is.True);

    [Test]
    public void ShouldRefuseDemotingLastAdmin() =>
        Assert.That(
            ErrorOf(Membership(owner, (soleAdmin, Permission.Admin), (writer, Permission.Write)).ChangePermission(soleAdmin, Permission.Write)),
            Is.EqualTo(new SoleAdmin()));

    [Test]
    public void ShouldRefuseDemotingOwner() =>
        Assert.That(
            ErrorOf(Membership((owner, Permission.Admin), (secondAdmin, Permission.Admin)).ChangePermission(owner, Permission.Write)),
            Is.EqualTo(new OwnerProtected()));

    [TestCase(Permission.Read)]
    [TestCase(Permission.Write)]
    [TestCase(Permission.Admin)]
    public void ShouldLetAdminChangeOtherMembersPermission(Permission permission) =>
        Assert.That(
            Membership((owner, Permission.Admin), (writer, Permission.Write)).ChangePermission(writer, permission).IsSuccess, Is.True);

    [Test]
    public void ShouldLetLastAdminStayAdmin() =>
        Assert.That(Membership((owner, Permission.Admin)).ChangePermission(owner, Permission.Admin).IsSuccess, Is.True);

    [Test]
    public void ShouldLetAdminRevokeOtherMembers() =>
        Assert.That(
            Membership((owner, Permission.Admin), (secondAdmin, Permission.Admin), (writer, Permission.Write))
                .Revoke(secondAdmin, [writer.Value]).IsSuccess,
            Is.True);

    [Test]
    public void ShouldLetAdminRevokeAnotherAdmin() =>
        Assert.That(
            Membership((owner, Permission.Admin), (secondAdmin, Permission.Admin)).Revoke(owner, [secondAdmin.Value]).IsSuccess, Is.True);

    [Test]
    public void ShouldRefuseAdminRevokingThemselves() =>
        Assert.That(
            ErrorOf(Membership((owner, Permission.Admin), (secondAdmin, Permission.Admin)).Revoke(secondAdmin, [writer.Value, secondAdmin.Value])),
            Is.EqualTo(new SoleAdmin()));

    [Test]
    public void ShouldRefuseRevokingOwner() =>
        Assert.That(
            ErrorOf(Membership((owner, Permission.Admin), (secondAdmin, Permission.Admin)).Revoke(secondAdmin, [owner.Value])),
            Is.EqualTo(new OwnerProtected()));

    [Test]
    public void ShouldAcceptRevokingNobody() =>
        Assert.That(Membership((owner, Permission.Admin)).Revoke(owner, []).IsSuccess, Is.True);

    private static VaultMembership Membership(params (UserId User, Permission Permission)[] members) => Membership(owner, members);

    private static VaultMembership Membership(UserId vaultOwner, params (UserId User, Permission Permission)[] members) =>
        new(vaultOwner, members.Select(m => AccessRecord.Grant(vaultId, m.User, m.Permission, 1, new byte[80], owner, new byte[64], null, 1, now)));

    private static Error? ErrorOf(Result result) => result.IsFailure ? result.Error : null;
}
