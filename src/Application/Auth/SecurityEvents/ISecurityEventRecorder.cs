using PasswordManager.Domain.Auth.Users;

namespace PasswordManager.Application.Auth.SecurityEvents;

/// <summary>
/// Records a security event (types in <c>SecurityEventTypes</c>) in the Auth DbContext without saving, so the
/// event commits in the same <c>SaveChangesAsync</c> as the action it describes, and with it the event's row in the
/// tenant's hash-chained audit log (ADR-0025). The caller's IP comes from the request. Events that concern the owner
/// (ADR-0026) also queue a notice to the account's verified address, in the same save.
/// </summary>
public interface ISecurityEventRecorder
{
    /// <summary><paramref name="details"/> holds metadata only: never a secret, code, hash or key.</summary>
    void Record(
        User user, string type, string? deviceName = null, IReadOnlyDictionary<string, object>? details = null,
        bool succeeded = true, string? objectType = null, Guid? objectId = null);
}
