namespace PasswordManager.Application.Auth;

/// <summary>
/// The server's slow hash of the client's authHash. The authHash is already a key derived from the master
/// password; the server hashes it again so a database dump cannot be replayed as a login.
/// </summary>
public interface IAuthHashHasher
{
    string Hash(ReadOnlySpan<byte> authHash);

    /// <summary>Verifies in constant time. <paramref name="verifier"/> null runs a decoy of equal cost.</summary>
    AuthHashVerification Verify(string? verifier, ReadOnlySpan<byte> authHash);
}

public enum AuthHashVerification
{
    Failed = 0,
    Succeeded = 1,
    SucceededRehashNeeded = 2,
}
