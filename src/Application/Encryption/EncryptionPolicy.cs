namespace PasswordManager.Application.Encryption;

public enum EncryptionMode
{
    /// <summary>The full API; the Encryption module is one module of the core.</summary>
    Core = 0,

    /// <summary>Only <c>/v1/*</c> and health: the binary runs as a tenant's own encryption service.</summary>
    Standalone = 1,
}

/// <summary>The Encryption module's rules that an operator configures (section <c>Encryption</c>).</summary>
public sealed class EncryptionPolicy
{
    public EncryptionMode Mode { get; set; } = EncryptionMode.Core;

    /// <summary>An encrypt call naming an unknown encryptionId creates the context (as Vault's transit engine does).</summary>
    public bool AutoCreateContexts { get; set; } = true;

    /// <summary>How long a context's metadata and unwrapped keys stay cached; also how long another replica may lag a rotation.</summary>
    public TimeSpan KeyCacheTtl { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Upper bound on cached entries (contexts plus unwrapped keys).</summary>
    public int KeyCacheSize { get; set; } = 10_000;
}

/// <summary>Hard limits of the API; larger inputs get 400 and nothing is stored.</summary>
public static class EncryptionLimits
{
    public const int MaxItemBytes = 256 * 1024;
    public const int MaxBatchItems = 1000;
    public const int DataKeyBytes = 32;
}
