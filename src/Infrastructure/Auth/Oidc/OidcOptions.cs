namespace PasswordManager.Infrastructure.Auth.Oidc;

public enum OidcPreset
{
    /// <summary>Any issuer by discovery (Keycloak, Entra ID, …): Issuer, ClientId and ClientSecret are configured.</summary>
    Generic = 0,

    /// <summary>https://accounts.google.com, query response, client secret of a "Desktop app" client.</summary>
    Google = 1,

    /// <summary>https://appleid.apple.com, <c>form_post</c> response relayed by the server, ES256 client-secret JWT.</summary>
    Apple = 2,
}

/// <summary>One entry of <c>Auth:Oidc:Providers:{name}</c>.</summary>
public sealed class OidcProviderOptions
{
    public OidcPreset Preset { get; set; } = OidcPreset.Generic;

    /// <summary>Required for <see cref="OidcPreset.Generic"/>; the presets know theirs.</summary>
    public string? Issuer { get; set; }

    public string? DisplayName { get; set; }
    public string ClientId { get; set; } = "";

    /// <summary>Sent as <c>client_secret</c> (client_secret_post). Apple's is made from <see cref="Apple"/> instead.</summary>
    public string? ClientSecret { get; set; }

    public string Scopes { get; set; } = "openid email";

    /// <summary>Only a local test issuer may be reached over plain http.</summary>
    public bool RequireHttps { get; set; } = true;

    /// <summary>Answer by <c>response_mode=form_post</c> to the server's relay (Apple's preset sets it).</summary>
    public bool? FormPost { get; set; }

    public AppleClientSecretOptions Apple { get; set; } = new();
}

/// <summary>What Apple's client-secret JWT is made of: the team, the key id and the .p8 private key (PEM).</summary>
public sealed class AppleClientSecretOptions
{
    public string? TeamId { get; set; }
    public string? KeyId { get; set; }
    public string? PrivateKey { get; set; }

    /// <summary>Or the .p8 file holding it.</summary>
    public string? PrivateKeyFile { get; set; }
}
