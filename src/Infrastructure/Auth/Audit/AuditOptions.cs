namespace PasswordManager.Infrastructure.Auth.Audit;

/// <summary>Configuration section <c>Audit</c>.</summary>
public sealed class AuditOptions
{
    /// <summary>How often the server signs a checkpoint of every tenant chain whose head moved.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows older than this are pruned behind a signed checkpoint; null keeps every row.</summary>
    public TimeSpan? Retention { get; set; }

    /// <summary>Runs checkpoints and pruning in this process (turn off on all but some replicas if preferred).</summary>
    public bool MaintenanceEnabled { get; set; } = true;

    /// <summary>How often each replica chains the events that requests queued (ADR-0034); readers chain a tenant's first anyway.</summary>
    public TimeSpan ChainInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Runs the background chainer in this process; off only where something else chains (tests that decide when).</summary>
    public bool ChainInBackground { get; set; } = true;

    /// <summary>The Ed25519 private key (32-byte seed, base64); generated under the data folder when not set.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Raw Ed25519 public keys (base64) of earlier signing keys whose checkpoints still verify after a key change.</summary>
    public string[] PreviousPublicKeys { get; set; } = [];
}
