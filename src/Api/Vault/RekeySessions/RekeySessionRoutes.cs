namespace PasswordManager.Api.Vault.RekeySessions;

/// <summary>Staged re-key sessions (docs/api-guide.md, "Re-key sessions"): the route every session endpoint shares.</summary>
internal static class RekeySessionRoutes
{
    internal const string Session = "/{vaultId:guid}/rekey-sessions/{sessionId:guid}";
}
