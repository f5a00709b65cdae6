using PasswordManager.Client.Crypto.Keys;

namespace PasswordManager.Client.Crypto.Sharing;

/// <summary>A member who keeps access after a re-key: their verified bundle and the permission to re-grant.</summary>
/// <param name="Bundle">Verified (and pinned) bundle of the member.</param>
/// <param name="Permission">Permission signed into the new access record.</param>
public sealed record RekeyMember(PublicKeyBundle Bundle, AccessPermission Permission);
