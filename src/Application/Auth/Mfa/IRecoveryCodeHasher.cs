namespace PasswordManager.Application.Auth.Mfa;

/// <summary>Slow hashes of recovery codes (Argon2id, cheaper than for authHashes: the codes are random, not chosen).</summary>
public interface IRecoveryCodeHasher
{
    string Hash(string normalizedCode);

    bool Verify(string hash, string normalizedCode);
}
