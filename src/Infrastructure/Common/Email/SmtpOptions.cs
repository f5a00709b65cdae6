namespace PasswordManager.Infrastructure.Common.Email;

public enum SmtpSecurity
{
    /// <summary>Plain SMTP; only for a server on loopback or a trusted network (maildev in development).</summary>
    None = 0,

    /// <summary>Plain connection upgraded with STARTTLS, which must succeed (usually port 587).</summary>
    StartTls = 1,

    /// <summary>TLS from the first byte (implicit TLS, usually port 465).</summary>
    Tls = 2,
}

/// <summary>Section <c>Email:Smtp</c>.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>Leave empty for a server that takes mail without authentication.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, e.g. <c>PasswordManager &lt;no-reply@example.com&gt;</c>.</summary>
    public string From { get; set; } = "PasswordManager <no-reply@localhost>";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
