namespace PasswordManager.Application.Common.Abstractions;

/// <summary>Where the current request came from, for security events. Empty outside an HTTP request.</summary>
public interface IRequestOrigin
{
    string? IpAddress { get; }
}
