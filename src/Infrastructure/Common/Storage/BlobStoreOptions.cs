namespace PasswordManager.Infrastructure.Common.Storage;

public enum BlobStoreKind
{
    FileSystem = 0,
    S3 = 1,
}

/// <summary>Configuration section <c>BlobStore</c>.</summary>
public sealed class BlobStoreOptions
{
    public BlobStoreKind Kind { get; set; } = BlobStoreKind.FileSystem;

    /// <summary>Root folder of the filesystem store; defaults to <c>{DataDirectory}/blobs</c>.</summary>
    public string? Path { get; set; }

    public S3Options S3 { get; set; } = new();
}

public sealed class S3Options
{
    /// <summary>host:port of the S3 endpoint, e.g. <c>minio:9000</c>.</summary>
    public string Endpoint { get; set; } = "127.0.0.1:9000";

    public string AccessKey { get; set; } = "";

    public string SecretKey { get; set; } = "";

    public string Bucket { get; set; } = "passwordmanager";

    public string Region { get; set; } = "us-east-1";

    public bool UseSsl { get; set; }

    /// <summary>
    /// Bound on one request to the store (the whole exchange, reading an object's body included), so an endpoint that
    /// accepts connections and never answers costs a request this long, then a 503 (ADR-0030). Streamed uploads of
    /// large attachments are bounded by <see cref="ConnectTimeout"/> only, as they may legitimately take longer.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Bound on opening a connection to the store (an address that drops packets).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
