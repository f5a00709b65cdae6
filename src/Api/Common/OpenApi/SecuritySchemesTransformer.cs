using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using PasswordManager.Application.Contracts.Auth;
using PasswordManager.Application.Encryption;

namespace PasswordManager.Api.Common.OpenApi;

/// <summary>
/// Declares the three ways to authenticate and lists, per operation, those it accepts: a bearer token (unless the
/// endpoint's policies name other schemes only), the API-key pair where the endpoint opted in to API keys, and the
/// Encryption Service's tenant secret pair where its policy names that scheme. Anonymous operations list none.
/// </summary>
internal sealed class SecuritySchemesTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    internal const string Bearer = "Bearer";
    internal const string ApiKey = "ApiKey";
    internal const string ApiSecret = "ApiSecret";
    internal const string EncryptionTenant = "EncryptionTenant";
    internal const string EncryptionSecret = "EncryptionSecret";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "Access token from POST /api/v1/auth/login or /refresh.",
        };
        document.Components.SecuritySchemes[ApiKey] = Header(ApiKeyAuthentication.KeyHeader,
            "API key id (pmk_…). Send it together with X-Api-Secret; only operations that list this pair accept it.");
        document.Components.SecuritySchemes[ApiSecret] = Header(ApiKeyAuthentication.SecretHeader,
            "API key secret (pms_…), shown once when the key is created. Always sent together with X-Api-Key.");
        document.Components.SecuritySchemes[EncryptionTenant] = Header(EncryptionAccess.TenantHeader,
            "Tenant id of a service-to-service caller of the Encryption Service. Sent together with X-Encryption-Secret.");
        document.Components.SecuritySchemes[EncryptionSecret] = Header(EncryptionAccess.SecretHeader,
            "The tenant's Encryption Service secret (Encryption:ServiceSecrets). Sent together with X-Encryption-Tenant.");
        document.Info.Title = "PasswordManager API";
        document.Info.Description = "Zero-knowledge password manager backend. Every key and ciphertext is opaque, client-produced base64. "
            + "Errors are application/problem+json with a stable `code`; each response lists the codes it can carry.";
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var access = new EndpointAccess(context.Description.ActionDescriptor.EndpointMetadata);
        if (!access.RequiresAuthentication) return Task.CompletedTask;

        var schemes = access.AuthenticationSchemes;
        operation.Security ??= [];
        if (schemes.Count == 0 || schemes.Contains(JwtBearerDefaults.AuthenticationScheme))
            operation.Security.Add(Requirement(context.Document, Bearer));
        if (access.ApiKey is not null)
            operation.Security.Add(Requirement(context.Document, ApiKey, ApiSecret));
        if (schemes.Contains(EncryptionAccess.ServiceScheme))
            operation.Security.Add(Requirement(context.Document, EncryptionTenant, EncryptionSecret));
        return Task.CompletedTask;
    }

    private static OpenApiSecurityScheme Header(string name, string description) => new()
    {
        Type = SecuritySchemeType.ApiKey,
        In = ParameterLocation.Header,
        Name = name,
        Description = description,
    };

    /// <summary>The schemes of one requirement must all be presented together.</summary>
    private static OpenApiSecurityRequirement Requirement(OpenApiDocument? document, params string[] schemes)
    {
        var requirement = new OpenApiSecurityRequirement();
        foreach (var scheme in schemes) requirement[new OpenApiSecuritySchemeReference(scheme, document)] = [];
        return requirement;
    }
}
