using Mediator;

namespace PasswordManager.Application.Contracts.Billing;

/// <summary>Which sign-in methods the tenant's plan (after overrides) allows, and whether a second factor is mandatory.</summary>
public sealed record GetSignInPolicyQuery(Guid TenantId) : IQuery<SignInPolicy>;

public sealed record SignInPolicy(bool PasswordLoginAllowed, bool MagicLinkAllowed, bool OidcAllowed, bool MfaRequired)
{
    public bool Allows(string method) => method switch
    {
        SignInMethod.Password => PasswordLoginAllowed,
        SignInMethod.MagicLink => MagicLinkAllowed,
        SignInMethod.Oidc => OidcAllowed,
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown sign-in method."),
    };
}

public static class SignInMethod
{
    public const string Password = "password";
    public const string MagicLink = "magic_link";
    public const string Oidc = "oidc";
}
