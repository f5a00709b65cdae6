using Microsoft.AspNetCore.Http.Metadata;

namespace PasswordManager.Api.Common.Security;

internal sealed record RequestSizeLimitMetadata(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
