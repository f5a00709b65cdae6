using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Mediator;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Api.Common.OpenApi;
using PasswordManager.Api.Common.Security;
using PasswordManager.Application;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Common.Behaviors;
using PasswordManager.Application.Contracts.Auth;

namespace PasswordManager.Api;

internal static class DependencyInjection
{
    internal static IServiceCollection AddApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMediator((MediatorOptions options) =>
        {
            options.Assemblies = [typeof(ApplicationAssembly)];
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors = [typeof(ValidationBehavior<,>)];
        });

        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
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
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.TenantAdmin, policy => policy.RequireAuthenticatedUser().RequireClaim("role", "admin", "owner"))
            .AddPolicy(Policies.InstanceAdmin, policy => policy.RequireAuthenticatedUser().RequireClaim("instance_admin", "true"));

        var credentialPermits = configuration.GetValue("RateLimiting:CredentialRequestsPerMinute", 60);
        services.AddSingleton(new ApiKeyFailureLimiter(credentialPermits));
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(Policies.CredentialRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = credentialPermits, Window = TimeSpan.FromMinutes(1) }));
        });

        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<BearerSecuritySchemeTransformer>();
            options.AddOperationTransformer<BearerSecuritySchemeTransformer>();
        });
        return services;
    }
}
