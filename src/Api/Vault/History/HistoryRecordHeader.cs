namespace PasswordManager.Api.Vault.History;

/// <summary>Carries a write's history record (base64) where the body cannot: an attachment's bytes, a DELETE.</summary>
internal static class HistoryRecordHeader
{
    public const string Name = "X-History-Record";
}
