using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using PasswordManager.Application.Auth.Accounts;
using PasswordManager.Application.Auth.Administration;
using PasswordManager.Application.Auth.Email;
using PasswordManager.Application.Auth;
using PasswordManager.Application.Auth.Mfa;
using PasswordManager.Application.Auth.Oidc;
using PasswordManager.Application.Billing;
using PasswordManager.Application.Auth.SecurityEvents;
using PasswordManager.Application.Auth.Sessions.Login;
using PasswordManager.Application.Auth.Throttling;
using PasswordManager.Application.Common.Metrics;
using PasswordManager.Application.Encryption;
using PasswordManager.Application.Vault;
using PasswordManager.Application.Vault.Attachments;
using PasswordManager.Application.Vault.Entries;
using PasswordManager.Application.Vault.Members;
using PasswordManager.Application.Vault.Rekeying;
using PasswordManager.Application.Vault.Storage;

namespace PasswordManager.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddValidatorsFromAssemblyContaining<ApplicationAssembly>(ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddScoped<ISecurityEventRecorder, SecurityEventRecorder>();
        services.AddScoped<AccountMail>();
        services.AddScoped<LoginThrottleGuard>();
        services.AddScoped<DeviceLogin>();
        services.AddScoped<SignInGate>();
        services.AddSingleton<OidcRelay>();
        services.AddScoped<AccountStanding>();
        services.AddScoped<AccountDeletion>();
        services.AddScoped<AdministrationScope>();
        services.AddScoped<Reauthentication>();
        services.AddScoped<SecondFactor>();
        services.AddScoped<RecoveryCodes>();
        services.AddScoped<TotpSecrets>();
        services.AddScoped<BlobWrites>();
        services.AddScoped<VaultWrites>();
        services.AddScoped<EntryCiphertexts>();
        services.AddScoped<EntryWriter>();
        services.AddScoped<Vault.History.VaultHistory>();
        services.AddScoped<AttachmentBlobs>();
        services.AddScoped<RekeyCommit>();
        services.AddScoped<VaultAudit>();
        services.AddScoped<EncryptionAudit>();
        services.AddSingleton<AuthMetrics>();
        services.AddSingleton<VaultMetrics>();
        services.AddSingleton<EncryptionMetrics>();
        services.AddSingleton<QuotaMetrics>();
        services.AddScoped<AccessLog>();
        services.AddScoped<AccessGrants>();
        services.AddSingleton<AccessLogCache>();
        services.AddScoped<TenantPlans>();
        services.AddSingleton(BillingMappings.Create());
        return services;
    }
}
