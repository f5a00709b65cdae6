using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using PasswordManager.Application.Vault.Attachments;
using PasswordManager.Application.Vault.Entries;

namespace PasswordManager.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddValidatorsFromAssemblyContaining<ApplicationAssembly>(ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddScoped<EntryCiphertexts>();
        services.AddScoped<EntryWriter>();
        services.AddScoped<AttachmentBlobs>();
        return services;
    }
}
