using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Mediator;
using Microsoft.AspNetCore.HttpOverrides;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Api.Common.OpenApi;
using PasswordManager.Api.Common.Security;
using PasswordManager.Api.Encryption;
using PasswordManager.Application;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Common.Behaviors;
using PasswordManager.Application.Contracts.Auth;
using PasswordManager.Application.Sharing;
using PasswordManager.Application.Vault;
using RedisRateLimiting;
using StackExchange.Redis;

namespace PasswordManager.Api;

internal static class DependencyInjection
{
    internal static IServiceCollection AddApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMediator((MediatorOptions options) =>
        {
            options.Assemblies = [typeof(ApplicationAssembly)];
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors = [typeof(VaultAccessBehavior<,>), typeof(SharingAccessBehavior<,>), typeof(ValidationBehavior<,>)];
        });

        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, EncryptionJsonContext.Default);
        });

        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
            var failureCode = status == StatusCodes.Status401Unauthorized
                ? context.HttpContext.Items[AccessTokenAuthentication.FailureCodeItem] as string
                : null;
            context.ProblemDetails.Extensions.TryAdd("code", failureCode ?? ProblemCodes.ForStatus(status));
            context.ProblemDetails.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier);
        });
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();

        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, CurrentUser>();
        services.AddScoped<IRequestOrigin, RequestOrigin>();
        services.AddEncryptionCallers();
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.TenantAdmin, policy => policy.RequireAuthenticatedUser().RequireClaim("role", "admin", "owner"))
            .AddPolicy(Policies.InstanceAdmin, policy => policy.RequireAuthenticatedUser().RequireClaim(Policies.InstanceAdminClaim, "true"))
            .AddPolicy(Policies.Administrator, policy => policy.RequireAuthenticatedUser().RequireAssertion(context =>
                context.User.HasClaim(Policies.InstanceAdminClaim, "true") || context.User.HasClaim("role", "admin") || context.User.HasClaim("role", "owner")));

        var credentialPermits = configuration.GetValue("RateLimiting:CredentialRequestsPerMinute", 60);
        var refreshPermits = configuration.GetValue("RateLimiting:RefreshRequestsPerTokenPerMinute", 10);
        // ADR-0029: with Redis configured, every limit is counted in Redis and so holds across replicas.
        var redis = configuration["Redis:Configuration"] is { Length: > 0 } redisConfiguration
            ? ConnectionMultiplexer.Connect(WithoutStartupFailure(redisConfiguration))
            : null;
        if (redis is not null)
        {
            services.AddSingleton<IConnectionMultiplexer>(redis);
            services.AddSingleton<IRateLimitCounters, RedisRateLimitCounters>();
        }
        else
        {
            services.AddSingleton<IRateLimitCounters, InProcessRateLimitCounters>();
        }

        services.AddSingleton(sp => new ApiKeyFailureLimiter(sp.GetRequiredService<IRateLimitCounters>(), credentialPermits));
        services.AddSingleton(sp => new RefreshRateLimiter(sp.GetRequiredService<IRateLimitCounters>(), refreshPermits, credentialPermits));
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (rejected, _) => await RateLimitedProblem.WriteAsync(
                rejected.HttpContext, RateLimitedProblem.RetryAfterOf(rejected.Lease), "Too many credential requests from this address. Try again later.");
            limiter.AddPolicy(Policies.CredentialRateLimit, context =>
            {
                var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return redis is null
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        client, _ => new FixedWindowRateLimiterOptions { PermitLimit = credentialPermits, Window = TimeSpan.FromMinutes(1) })
                    : RedisRateLimitPartition.GetFixedWindowRateLimiter(RedisRateLimitCounters.KeyPrefix + "credentials:" + client,
                        _ => new RedisFixedWindowRateLimiterOptions
                        {
                            ConnectionMultiplexerFactory = () => redis,
                            PermitLimit = credentialPermits,
                            Window = TimeSpan.FromMinutes(1),
                        });
            });
        });
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = configuration.GetValue("ForwardedHeaders:ForwardLimit", 1);
            // Only configured proxies are trusted, not even loopback by default: otherwise anyone could pick
            // their rate-limit bucket with a made-up X-Forwarded-For.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [])
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });

        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<SecuritySchemesTransformer>();
            options.AddOperationTransformer<SecuritySchemesTransformer>();
            options.AddDocumentTransformer<ProblemResponsesTransformer>();
            options.AddOperationTransformer<ProblemResponsesTransformer>();
            options.AddSchemaTransformer<NullablePropertiesTransformer>();
            options.AddSchemaTransformer<StringEnumTransformer>();
            options.AddSchemaTransformer<EncryptionPayloadSchemaTransformer>();
            options.CreateSchemaReferenceId = EncryptionPayloadSchemaTransformer.ReferenceId;
        });
        return services;
    }

    // A replica that starts while Redis is away keeps retrying in the background instead of refusing to start;
    // rate-limited requests answer 503 (ProblemDetailsExceptionHandler) until Redis answers.
    private static ConfigurationOptions WithoutStartupFailure(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        return options;
    }
}
