using Mapster;
using PasswordManager.Domain.Auth.Tenants;
using PasswordManager.Domain.Auth.Users;

namespace PasswordManager.Application.Auth.Administration;

/// <summary>
/// Mapster configuration from the Auth entities to the administration views, used as EF projections
/// (<c>ProjectToType</c>) so that only the mapped columns are read: key material never leaves the database on these
/// paths. Every destination member must have a source or be ignored on purpose (filled by the query afterwards), and
/// the configuration is compiled once; a test compiles and exercises it.
/// </summary>
public static class AdministrationMapping
{
    public static TypeAdapterConfig Config { get; } = Create();

    private static TypeAdapterConfig Create()
    {
        var config = new TypeAdapterConfig { RequireExplicitMapping = true, RequireDestinationMemberSource = true };

        config.NewConfig<User, AdminUserView>()
            .Map(d => d.UserId, s => s.Id.Value)
            .Map(d => d.TenantId, s => s.TenantId.Value)
            .Map(d => d.Username, s => s.Username)
            .Map(d => d.Email, s => s.Email)
            .Map(d => d.Role, s => s.Role)
            .Map(d => d.CreatedAt, s => s.CreatedAt)
            .Map(d => d.Disabled, s => s.DisabledAt != null)
            .Map(d => d.DisabledAt, s => s.DisabledAt)
            .Ignore(d => d.MfaEnabled, d => d.ActiveSessions, d => d.LastSignInAt);

        config.NewConfig<Tenant, AdminTenantView>()
            .Map(d => d.TenantId, s => s.Id.Value)
            .Map(d => d.Name, s => s.Name)
            .Map(d => d.CreatedAt, s => s.CreatedAt)
            .Map(d => d.Suspended, s => s.SuspendedAt != null)
            .Map(d => d.SuspendedAt, s => s.SuspendedAt)
            .Ignore(d => d.Users);

        config.NewConfig<Invitation, AdminInvitationView>()
            .Map(d => d.InvitationId, s => s.Id)
            .Map(d => d.TenantId, s => s.TenantId.Value)
            .Map(d => d.Role, s => s.Role)
            .Map(d => d.Email, s => s.Email)
            .Map(d => d.CreatedBy, s => s.CreatedBy.Value)
            .Map(d => d.CreatedAt, s => s.CreatedAt)
            .Map(d => d.ExpiresAt, s => s.ExpiresAt);

        config.Compile();
        return config;
    }
}
