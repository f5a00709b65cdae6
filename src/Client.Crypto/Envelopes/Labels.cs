namespace PasswordManager.Client.Crypto.Envelopes;

/// <summary>Domain-separation labels (ASCII, used as UTF-8 bytes). Changing any of them is a format break.</summary>
internal static class Labels
{
    public const string Auth = "pm/v1/auth";
    public const string Kek = "pm/v1/kek";
    public const string UserKey = "pm/v1/usk";
    public const string PrivateKeys = "pm/v1/private-keys";
    public const string Entry = "pm/v1/entry";
    public const string Seal = "pm/v1/seal";
    public const string Bundle = "pm/v1/bundle";
    public const string KeyHandover = "pm/v1/key-handover";
    public const string KeyHandoverBackLink = "pm/v1/key-handover-back";
    public const string Access = "pm/v1/access";
    public const string Fingerprint = "pm/v1/fingerprint";
    public const string VaultMetadata = "pm/v1/vault-metadata";
    public const string LocalCache = "pm/v1/local-cache";
    public const string AttachmentKey = "pm/v1/attachment-key";
    public const string AttachmentMetadata = "pm/v1/attachment-metadata";
    public const string AttachmentChunk = "pm/v1/attachment-chunk";
    public const string LocalUnlock = "pm/v1/local-unlock";
    public const string NameIndex = "pm/v1/name-index";
}
