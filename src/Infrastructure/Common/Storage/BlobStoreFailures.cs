namespace PasswordManager.Infrastructure.Common.Storage;

/// <summary>The blob store could not be reached or refused a request; nothing about the object is known.</summary>
internal sealed class BlobStoreUnavailableException(string message, Exception innerException) : IOException(message, innerException);

/// <summary>The filesystem under the blob store is full; the partial write was removed.</summary>
internal sealed class BlobStoreFullException(Exception innerException)
    : IOException("The filesystem under the blob store has no space left.", innerException)
{
    private const int Enospc = 28;
    private const int Edquot = 122;
    private const int WindowsDiskFull = unchecked((int)0x80070070);
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);

    /// <summary>On Unix .NET reports the errno as the HResult of an <see cref="IOException"/>.</summary>
    public static bool IsDiskFull(IOException exception) =>
        exception.HResult is Enospc or Edquot or WindowsDiskFull or WindowsHandleDiskFull;
}
