using PasswordManager.Application.Common.Abstractions;

namespace PasswordManager.Api.Common.Security;

/// <summary>The client address as Kestrel (or the forwarded-headers middleware, behind a proxy) resolved it.</summary>
internal sealed class RequestOrigin(IHttpContextAccessor accessor) : IRequestOrigin
{
    public string? IpAddress => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
}
