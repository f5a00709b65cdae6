using System.Text.Encodings.Web;
using PasswordManager.Domain.Auth.Email;
using PasswordManager.Domain.Auth.SecurityEvents;

namespace PasswordManager.Application.Auth.Email;

/// <summary>
/// The mails the Auth module sends, as plain text and HTML. They carry a link or code, never a secret of the vault;
/// every value a user chose (username, hint, device name) is HTML-encoded in the HTML body.
/// </summary>
public sealed class EmailTemplates(AccountMailOptions options)
{
    public const string VerificationKind = "email_verification";
    public const string HintKind = "password_hint";
    public const string MagicLinkKind = "magic_link";
    public const string NotificationKind = "security_notification";

    public EmailContent Verification(string username, string code) => Render(
        "Confirm your email address",
        $"Hello {username},",
        ["Confirm that this address belongs to your account by entering this code (valid for 24 hours):", code,
            $"or with the command line: pm verify-email {code}",
            "If you did not ask for this, ignore this mail."],
        Link("verify-email", code));

    public EmailContent PasswordHint(string username, string hint) => Render(
        "Your password hint",
        $"Hello {username},",
        ["Someone (hopefully you) asked for the hint of your master password. Your hint is:", hint,
            "There is no way to recover a forgotten master password: the server cannot decrypt your vault."],
        link: null);

    public EmailContent NoPasswordHint(string username) => Render(
        "Your password hint",
        $"Hello {username},",
        ["Someone (hopefully you) asked for the hint of your master password, but your account has no hint."],
        link: null);

    public EmailContent MagicLink(string username, string token, string deviceName) => Render(
        "Your sign-in link",
        $"Hello {username},",
        [$"The device \"{deviceName}\" asked to sign in to your account. The link works once, for 15 minutes, and only on that device.",
            "Paste this token where the device asks for it:", token,
            "After signing in you still unlock your vault with your master password. If you did not ask for this, ignore this mail."],
        Link("magic-link", token));

    public EmailContent Notification(string username, string eventType, string? deviceName)
    {
        var what = eventType switch
        {
            SecurityEventTypes.NewDeviceSignIn => $"Your account was signed in from a new device{OnDevice(deviceName)}.",
            SecurityEventTypes.MfaDisabled => "Two-factor authentication was turned off for your account.",
            SecurityEventTypes.PasswordChanged => "The master password of your account was changed.",
            SecurityEventTypes.KeysRotated => "The key pairs of your account were rotated.",
            SecurityEventTypes.LoginThrottled => $"Sign-ins to your account are paused after repeated wrong passwords{OnDevice(deviceName)}.",
            SecurityEventTypes.ApiKeyCreated => "An API key was created for your account.",
            SecurityEventTypes.EmailChanged => "The email address of your account was changed or removed; this address receives no more mail for it.",
            _ => throw new ArgumentOutOfRangeException(nameof(eventType), eventType, "No notification for this event."),
        };
        return Render("Security notice for your account", $"Hello {username},",
            [what, "If this was not you, sign in, review your sessions (pm sessions) and change your master password."], link: null);
    }

    public static bool Notifies(string eventType) => eventType is SecurityEventTypes.NewDeviceSignIn or SecurityEventTypes.MfaDisabled
        or SecurityEventTypes.PasswordChanged or SecurityEventTypes.KeysRotated or SecurityEventTypes.LoginThrottled
        or SecurityEventTypes.ApiKeyCreated or SecurityEventTypes.EmailChanged;

    private static string OnDevice(string? deviceName) => deviceName is null ? "" : $" (device \"{deviceName}\")";

    private string Link(string page, string token) =>
        $"{options.PublicBaseUrl.TrimEnd('/')}/{page}#token={Uri.EscapeDataString(token)}";

    private EmailContent Render(string subject, string greeting, IReadOnlyList<string> paragraphs, string? link)
    {
        var signature = $"— {options.ProductName}";
        var text = string.Join("\n\n", [greeting, .. paragraphs, .. link is null ? Array.Empty<string>() : [link], signature]) + "\n";
        var html = HtmlEncoder.Default;
        var body = string.Concat(paragraphs.Select(p => $"<p>{html.Encode(p)}</p>"));
        var anchor = link is null ? "" : $"<p><a href=\"{html.Encode(link)}\">{html.Encode(link)}</a></p>";
        var document = $"<!DOCTYPE html><html><body><p>{html.Encode(greeting)}</p>{body}{anchor}<p>{html.Encode(signature)}</p></body></html>";
        return new EmailContent($"{options.ProductName}: {subject}", text, document);
    }
}
