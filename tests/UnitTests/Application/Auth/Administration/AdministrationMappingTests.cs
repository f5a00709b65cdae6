using Mapster;
using PasswordManager.Application.Auth.Administration;
using PasswordManager.Domain.Auth.Tenants;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;

namespace PasswordManager.UnitTests.Application.Auth.Administration;

public sealed class AdministrationMappingTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void TheConfigurationShouldCompileWithEveryDestinationMemberAccountedFor() =>
        Assert.DoesNotThrow(() => AdministrationMapping.Config.Compile());

    [Test]
    public void AConfigurationMissingAMemberShouldNotCompile()
    {
        var incomplete = new TypeAdapterConfig { RequireExplicitMapping = true, RequireDestinationMemberSource = true };
        incomplete.NewConfig<Tenant, AdminTenantView>().Map(d => d.TenantId, s => s.Id.Value);

        Assert.That(() => incomplete.Compile(), Throws.Exception, "negative control: the rules the real configuration is compiled under do catch a gap");
    }

    [Test]
    public void AUserShouldMapToItsMetadataOnly()
    {
        var user = NewUser();
        user.Disable(Now.AddHours(1));

        var view = user.Adapt<AdminUserView>(AdministrationMapping.Config);
        var projected = new[] { user }.AsQueryable().ProjectToType<AdminUserView>(AdministrationMapping.Config).Single();

        Assert.That(view, Is.EqualTo(new AdminUserView
        {
            UserId = user.Id.Value,
            TenantId = user.TenantId.Value,
            Username = "Alice",
            Email = "alice@example.test",
            Role = TenantRole.Admin,
            CreatedAt = Now,
            Disabled = true,
            DisabledAt = Now.AddHours(1),
        }));
        Assert.That(projected, Is.EqualTo(view), "the EF projection and the in-memory mapping agree");
        Assert.That(typeof(AdminUserView).GetProperties().Select(p => p.Name),
            Has.None.Matches<string>(name => name.Contains("Key", StringComparison.Ordinal) || name.Contains("Verifier", StringComparison.Ordinal)
                || name.Contains("Salt", StringComparison.Ordinal) || name.Contains("Hint", StringComparison.Ordinal) || name.Contains("Kdf", StringComparison.Ordinal)));
    }

    [Test]
    public void ATenantAndAnInvitationShouldMapTheirIdsAndState()
    {
        var tenant = Tenant.Create(new TenantId(Guid.NewGuid()), " Acme ", Now);
        tenant.Suspend(Now);
        var creator = new UserId(Guid.NewGuid());
        var invitation = Invitation.Create(tenant.Id, [1, 2, 3], TenantRole.Owner, creator, Now, TimeSpan.FromDays(7), "Boss@Acme.test");

        var tenantView = tenant.Adapt<AdminTenantView>(AdministrationMapping.Config);
        var invitationView = invitation.Adapt<AdminInvitationView>(AdministrationMapping.Config);

        Assert.That(tenantView, Is.EqualTo(new AdminTenantView { TenantId = tenant.Id.Value, Name = "Acme", CreatedAt = Now, Suspended = true, SuspendedAt = Now }));
        Assert.That(invitationView, Is.EqualTo(new AdminInvitationView
        {
            InvitationId = invitation.Id,
            TenantId = tenant.Id.Value,
            Role = TenantRole.Owner,
            Email = "boss@acme.test",
            CreatedBy = creator.Value,
            CreatedAt = Now,
            ExpiresAt = Now.AddDays(7),
        }));
    }

    private static User NewUser() => User.Register(
        new NewAccount(new UserId(Guid.NewGuid()), "Alice", "Alice@Example.test", new KdfParameters(65536, 3, 1), [1], [2], [3], [4], "hint"),
        new TenantId(Guid.NewGuid()), TenantRole.Admin, "verifier", Now);
}
