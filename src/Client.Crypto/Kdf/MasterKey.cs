using System.Text;
using NSec.Cryptography;
using PasswordManager.Client.Crypto.Envelopes;
using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Crypto.Primitives;

namespace PasswordManager.Client.Crypto.Kdf;

/// <summary>
/// MK = Argon2id(UTF-8 password bytes, salt, m, t, p = 1), 32 bytes. Never leaves the device:
/// only <see cref="DeriveAuthHash"/> is sent to the server, and <see cref="DeriveKek"/> wraps the USK.
/// </summary>
public sealed class MasterKey : IDisposable
{
    public const int Size = 32;

    private static readonly byte[] authInfo = Encoding.UTF8.GetBytes(Labels.Auth);
    private static readonly byte[] kekInfo = Encoding.UTF8.GetBytes(Labels.Kek);
    private static long derivations;

    private readonly SecretBuffer key;
    private bool disposed;

    private MasterKey(SecretBuffer key)
    {
        this.key = key;
    }

    /// <summary>Number of Argon2id derivations started in this process (lets tests prove rejection happens first).</summary>
    internal static long DerivationCount => Interlocked.Read(ref derivations);

    /// <summary>Validates <paramref name="parameters"/> and the salt, then runs Argon2id.</summary>
    public static MasterKey Derive(ReadOnlySpan<char> password, ReadOnlySpan<byte> salt, KdfParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        KdfParameters.ValidateSalt(salt);
        if (password.IsEmpty)
        {
            throw new ArgumentException("The master password must not be empty.", nameof(password));
        }

        var argon2 = PasswordBasedKeyDerivationAlgorithm.Argon2id(new Argon2Parameters
        {
            DegreeOfParallelism = parameters.Parallelism,
            MemorySize = parameters.MemoryKiB,
            NumberOfPasses = parameters.Iterations,
        });

        using var passwordBytes = EncodePassword(password);
        var output = new SecretBuffer(Size);
        try
        {
            Interlocked.Increment(ref derivations);
            argon2.DeriveBytes(passwordBytes.Span, salt, output.Span);
            return new MasterKey(output);
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }

    /// <summary>authHash = HKDF-SHA256(MK, salt = empty, info = "pm/v1/auth", 32). Safe to send to the server.</summary>
    public byte[] DeriveAuthHash()
    {
        var authHash = new byte[32];
        Hkdf.DeriveBytes(Span, ReadOnlySpan<byte>.Empty, authInfo, authHash);
        return authHash;
    }

    /// <summary>KEK = HKDF-SHA256(MK, salt = empty, info = "pm/v1/kek", 32), as a non-exportable AEAD key.</summary>
    public SymmetricKey DeriveKek() => new(Hkdf.DeriveAeadKey(Span, ReadOnlySpan<byte>.Empty, kekInfo));

    /// <summary>Raw KEK bytes, only for known-answer tests.</summary>
    internal byte[] DeriveKekBytes()
    {
        var kek = new byte[32];
        Hkdf.DeriveBytes(Span, ReadOnlySpan<byte>.Empty, kekInfo, kek);
        return kek;
    }

    /// <summary>Raw master key bytes, only for known-answer tests.</summary>
    internal byte[] ExportForTests() => Span.ToArray();

    public void Dispose()
    {
        if (!disposed)
        {
            key.Dispose();
            disposed = true;
        }
    }

    private ReadOnlySpan<byte> Span
    {
        get
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return key.Span;
        }
    }

    /// <summary>
    /// UTF-8 of the password exactly as given, into a pinned buffer that is zeroed on dispose. No Unicode
    /// normalization: .NET's invariant-globalization mode silently skips it, and key derivation must not
    /// depend on how the host process was configured.
    /// </summary>
    internal static SecretBuffer EncodePassword(ReadOnlySpan<char> password)
    {
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        int length;
        try
        {
            length = encoding.GetByteCount(password);
        }
        catch (EncoderFallbackException)
        {
            throw new ArgumentException("The master password is not valid Unicode (unpaired surrogate).", nameof(password));
        }

        var buffer = new SecretBuffer(length);
        encoding.GetBytes(password, buffer.Span);
        return buffer;
    }
}
