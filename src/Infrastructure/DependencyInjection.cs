using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Minio;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Infrastructure.Auth.Audit;
using PasswordManager.Infrastructure.Auth;
using PasswordManager.Infrastructure.Billing;
using PasswordManager.Infrastructure.Common.Failures;
using PasswordManager.Infrastructure.Common.Health;
using PasswordManager.Infrastructure.Common.Jobs;
using PasswordManager.Infrastructure.Common.Persistence;
using PasswordManager.Infrastructure.Common.Secrets;
using PasswordManager.Infrastructure.Common.Storage;
using PasswordManager.Infrastructure.Encryption;
using PasswordManager.Infrastructure.Sharing;
using PasswordManager.Infrastructure.Vault;

namespace PasswordManager.Infrastructure;

public static class DependencyInjection
{
    /// <summary>Health checks with this tag make up <c>/health/ready</c>: what every request needs (PostgreSQL).</summary>
    public const string ReadinessTag = "ready";

    /// <summary>Health checks with this tag make up <c>/health/dependencies</c>: every external dependency.</summary>
    public const string DependencyTag = "dependency";

    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = PostgresConnectionDefaults.Apply(configuration.GetConnectionString("Postgres")
            ?? throw new InvalidOperationException("Set ConnectionStrings:Postgres (env ConnectionStrings__Postgres)."));
        var dataDirectory = Path.GetFullPath(configuration["DataDirectory"] ?? ".data");
        Directory.CreateDirectory(dataDirectory);
        var secrets = new ServerSecretStore(dataDirectory);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IDependencyFailures, DependencyFailureClassifier>();
        var leaseConnection = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "pm-job-leases", MaxPoolSize = 5 };
        services.AddSingleton(_ => new JobLeases(Npgsql.NpgsqlDataSource.Create(leaseConnection.ConnectionString)));
        services.AddBlobStore(configuration, dataDirectory);
        services.AddAuditInfrastructure(configuration, connectionString, secrets);
        services.AddAuthInfrastructure(configuration, connectionString, secrets);
        services.AddVaultInfrastructure(configuration, connectionString);
        services.AddEncryptionInfrastructure(configuration, connectionString, secrets);
        services.AddBillingInfrastructure(configuration, connectionString);
        services.AddSharingInfrastructure(configuration, connectionString);
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadinessTag, DependencyTag])
            .AddCheck<BlobStoreHealthCheck>("blob-store", tags: [DependencyTag]);
        return services;
    }

    private static void AddBlobStore(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        var options = configuration.GetSection("BlobStore").Get<BlobStoreOptions>() ?? new BlobStoreOptions();
        if (options.Kind == BlobStoreKind.S3)
        {
            var s3 = options.S3;
            var http = S3BlobStore.CreateHttpClient(s3);
            var client = new MinioClient()
                .WithEndpoint(s3.Endpoint)
                .WithCredentials(s3.AccessKey, s3.SecretKey)
                .WithRegion(s3.Region)
                .WithSSL(s3.UseSsl)
                .WithHttpClient(http)
                .WithTimeout((int)s3.RequestTimeout.TotalMilliseconds)
                .Build();
            var s3Store = new S3BlobStore(client, http, s3);
            services.AddSingleton<IBlobStore>(sp => new MeteredBlobStore(s3Store, "s3", sp.GetRequiredService<IMeterFactory>()));
        }
        else
        {
            var fileStore = new FileSystemBlobStore(options.Path ?? Path.Combine(dataDirectory, "blobs"));
            services.AddSingleton<IBlobStore>(sp => new MeteredBlobStore(fileStore, "filesystem", sp.GetRequiredService<IMeterFactory>()));
        }
    }
}
