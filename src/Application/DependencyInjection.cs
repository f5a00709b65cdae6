using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using PasswordManager.Application.Vault.Attachments;
using PasswordManager.Application.Vault.Entries;
using PasswordManager.Application.Vault.Members;
using PasswordManager.Application.Vault.Members.RekeyVault;
using PasswordManager.Application.Vault.Storage;

namespace PasswordManager.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddValidatorsFromAssemblyContaining<ApplicationAssembly>(ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddScoped<BlobWrites>();
        services.AddScoped<EntryCiphertexts>();
        services.AddScoped<EntryWriter>();
        services.AddScoped<AttachmentBlobs>();
        services.AddScoped<RekeyCommit>();
        services.AddScoped<AccessLog>();
        services.AddSingleton<AccessLogCache>();
        return services;
    }
}
