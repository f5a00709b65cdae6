using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Contracts.Auth;

namespace PasswordManager.Api.Common.OpenApi;

/// <summary>
/// Adds every error response an operation can give, as <c>application/problem+json</c> with the stable codes it can
/// carry (also in <c>x-problem-codes</c>). The statuses come from the endpoint's metadata: a body or free parameters
/// (400, and 413/415 for bodies), authorization (401, 403), the API-key gate (403; 401 and 429 where keys are
/// accepted), route values (404), rate limiting (429), and the domain errors it declares with
/// <see cref="ProducesErrorsExtensions.ProducesErrors{TBuilder}"/>.
/// </summary>
internal sealed class ProblemResponsesTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    internal const string ProblemSchema = "ProblemDetails";
    internal const string ValidationProblemSchema = "ValidationProblemDetails";
    internal const string ProblemContentType = "application/problem+json";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ProblemSchema] = Problem(withErrors: false);
        document.Components.Schemas[ValidationProblemSchema] = Problem(withErrors: true);
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var access = new EndpointAccess(metadata);
        var codes = new SortedDictionary<int, SortedSet<string>>();
        void Add(int status, string code)
        {
            if (!codes.TryGetValue(status, out var set)) codes[status] = set = new SortedSet<string>(StringComparer.Ordinal);
            set.Add(code);
        }

        var parameters = context.Description.ParameterDescriptions;
        var hasBody = operation.RequestBody is not null;
        var hasFreeInput = parameters.Any(p =>
            p.Source != BindingSource.Path && p.Source != BindingSource.Body && p.Source != BindingSource.Services
            && p.Source != BindingSource.Special && p.Source != BindingSource.FormFile && p.Source != BindingSource.Form);
        var hasRouteValues = parameters.Any(p => p.Source == BindingSource.Path);
        var hasUnconstrainedRouteValue = parameters.Any(p => p.Source == BindingSource.Path && p.RouteInfo?.Constraints?.Any() != true);

        if (hasBody || hasFreeInput || hasUnconstrainedRouteValue)
        {
            Add(StatusCodes.Status400BadRequest, ProblemCodes.ValidationFailed);
            Add(StatusCodes.Status400BadRequest, ProblemCodes.ForStatus(StatusCodes.Status400BadRequest));
        }

        if (hasBody)
        {
            Add(StatusCodes.Status413PayloadTooLarge, ProblemCodes.ForStatus(StatusCodes.Status413PayloadTooLarge));
            if (operation.RequestBody!.Content?.Keys.Any(k => k.Contains("json", StringComparison.Ordinal)) == true)
                Add(StatusCodes.Status415UnsupportedMediaType, ProblemCodes.ForStatus(StatusCodes.Status415UnsupportedMediaType));
        }

        if (access.RequiresAuthentication)
        {
            Add(StatusCodes.Status401Unauthorized, ProblemCodes.ForStatus(StatusCodes.Status401Unauthorized));
            if (access.ApiKey is null)
            {
                Add(StatusCodes.Status403Forbidden, ApiKeyAuthentication.NotAllowedCode);
            }
            else
            {
                Add(StatusCodes.Status401Unauthorized, ApiKeyAuthentication.InvalidCode);
                Add(StatusCodes.Status401Unauthorized, ApiKeyAuthentication.ExpiredCode);
                Add(StatusCodes.Status403Forbidden, ApiKeyAuthentication.ScopeMissingCode);
                Add(StatusCodes.Status429TooManyRequests, ProblemCodes.ForStatus(StatusCodes.Status429TooManyRequests));
            }

            if (access.RestrictsCallers) Add(StatusCodes.Status403Forbidden, ProblemCodes.ForStatus(StatusCodes.Status403Forbidden));
        }

        if (hasRouteValues) Add(StatusCodes.Status404NotFound, ProblemCodes.ForStatus(StatusCodes.Status404NotFound));
        if (access.IsRateLimited) Add(StatusCodes.Status429TooManyRequests, ProblemCodes.ForStatus(StatusCodes.Status429TooManyRequests));

        foreach (var declared in metadata.OfType<DomainErrorsMetadata>())
            foreach (var error in declared.Errors)
                Add(ErrorProblemMapping.StatusCodeOf(error), error.Code);

        operation.Responses ??= [];
        foreach (var (status, statusCodes) in codes)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (operation.Responses.ContainsKey(key)) continue;
            operation.Responses[key] = new OpenApiResponse
            {
                Description = $"{ReasonPhrases.GetReasonPhrase(status)}. Codes: {string.Join(", ", statusCodes.Select(c => $"`{c}`"))}.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [ProblemContentType] = new()
                    {
                        Schema = new OpenApiSchemaReference(
                            status == StatusCodes.Status400BadRequest ? ValidationProblemSchema : ProblemSchema, context.Document),
                    },
                },
                Extensions = new Dictionary<string, IOpenApiExtension>
                {
                    ["x-problem-codes"] = new JsonNodeExtension(new JsonArray(statusCodes.Select(c => (JsonNode)c).ToArray())),
                },
            };
        }

        return Task.CompletedTask;
    }

    private static OpenApiSchema Problem(bool withErrors)
    {
        var schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = withErrors
                ? "RFC 9457 problem; `errors` names each invalid field (code `request.validation_failed`)."
                : "RFC 9457 problem with a stable `code`.",
            Required = new HashSet<string> { "status", "title", "code", "traceId" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Stable, module-prefixed error code." },
                ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["details"] = new OpenApiSchema { Description = "Data to resolve the failure, e.g. the server's current state in a conflict." },
            },
        };
        if (withErrors)
        {
            schema.Properties["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            };
        }

        return schema;
    }
}
