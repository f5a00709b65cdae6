namespace PasswordManager.Application.Auth.Email;

/// <summary>Section <c>Email</c>: what mails say about where the server is.</summary>
public sealed class AccountMailOptions
{
    /// <summary>The address users reach the server at; links in mails start with it.</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:8080";

    /// <summary>The product name mails are signed with.</summary>
    public string ProductName { get; set; } = "PasswordManager";
}
