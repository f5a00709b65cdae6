namespace PasswordManager.Client.Crypto.History;

/// <summary>
/// A vault's history (or what the server served next to it) does not verify (docs/crypto-format.md §21.2).
/// <see cref="Reason"/> is one of the <see cref="HistoryRejection"/> codes; <see cref="Seq"/> names the record when one is at fault.
/// </summary>
public sealed class HistoryVerificationException : CryptoException
{
    public HistoryVerificationException()
        : this(HistoryRejection.Malformed, seq: null, "The vault history does not verify.")
    {
    }

    public HistoryVerificationException(string message)
        : this(HistoryRejection.Malformed, seq: null, message)
    {
    }

    public HistoryVerificationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = HistoryRejection.Malformed;
    }

    public HistoryVerificationException(string reason, long? seq, string message)
        : base(seq is null ? message : $"History record {seq}: {message}")
    {
        Reason = reason;
        Seq = seq;
    }

    /// <summary>Machine-readable reason (a <see cref="HistoryRejection"/> constant).</summary>
    public string Reason { get; }

    /// <summary>Sequence number of the record at fault; null for a post-sync comparison.</summary>
    public long? Seq { get; }
}

/// <summary>Reasons of <see cref="HistoryVerificationException"/>.</summary>
public static class HistoryRejection
{
    /// <summary>The record does not decode, or the persisted state does not import.</summary>
    public const string Malformed = "malformed";

    /// <summary>The record belongs to another vault.</summary>
    public const string WrongVault = "wrong_vault";

    /// <summary>The record does not extend the held head (seq gap, wrong prev).</summary>
    public const string BrokenChain = "broken_chain";

    /// <summary>Verification without a held state must start at a checkpoint.</summary>
    public const string MissingCheckpoint = "missing_checkpoint";

    /// <summary>No pinned key is known for the author.</summary>
    public const string UnknownAuthor = "unknown_author";

    /// <summary>The signature does not verify under the author's pinned key.</summary>
    public const string BadSignature = "bad_signature";

    /// <summary>The author's permission before the record does not allow a change.</summary>
    public const string NotAuthorized = "not_authorized";

    /// <summary>Key epoch of the record (or of a re-key change) does not follow the held epoch.</summary>
    public const string EpochMismatch = "epoch_mismatch";

    /// <summary>An entry version is not the held version + 1 (or 1 for a new entry).</summary>
    public const string VersionGap = "version_gap";

    /// <summary>A deletion (or an attachment) names an entry that is unknown or deleted already.</summary>
    public const string UnknownEntry = "unknown_entry";

    /// <summary>An attachment change names an unknown attachment, or moves one to another entry.</summary>
    public const string UnknownAttachment = "unknown_attachment";

    /// <summary>A member removal names a user who is not a member.</summary>
    public const string UnknownMember = "unknown_member";

    /// <summary>A re-key does not re-state every live entry, live attachment and member.</summary>
    public const string RekeyIncomplete = "rekey_incomplete";

    /// <summary>A checkpoint does not equal the held state.</summary>
    public const string CheckpointMismatch = "checkpoint_mismatch";

    /// <summary>The chain does not contain a head this device holds or was told to expect.</summary>
    public const string Fork = "fork";

    /// <summary>The server's head is below the held head.</summary>
    public const string Rollback = "rollback";

    /// <summary>A change the chain records is missing from what the server served (a withheld write or delete).</summary>
    public const string WithheldChange = "withheld_change";

    /// <summary>The server served an entry, attachment or member the chain does not record (or at another version).</summary>
    public const string UnrecordedChange = "unrecorded_change";

    /// <summary>A ciphertext or attachment body does not hash to the recorded hash.</summary>
    public const string SwappedCiphertext = "swapped_ciphertext";
}
