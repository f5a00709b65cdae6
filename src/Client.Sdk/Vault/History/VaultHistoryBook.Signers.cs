using PasswordManager.Client.Crypto;
using PasswordManager.Client.Crypto.History;
using PasswordManager.Client.Crypto.Keys;

namespace PasswordManager.Client.Sdk.Vault.History;

/// <summary>
/// Which key verifies a record (docs/crypto-format.md §21.2 step 2): the author's pinned bundle (the own bundle for own
/// records), the directory's bundle when signed hand-overs move the pin forward to it, or an earlier bundle of the author's
/// <b>lineage</b> — reached backwards from that bundle through version-2 hand-overs whose back-link the newer key signed
/// (§6.1), so a record signed before a key rotation still verifies on a device that only knows the new key. Per author
/// and vault the keys only move forward: once a record verified under a newer key of the author, a later record under an
/// older one is refused (a replaced key signs nothing after its successor did).
/// </summary>
internal sealed partial class VaultHistoryBook
{
    private async Task ApplyAsync(VaultHistoryState state, HistoryRecord record, AuthorSigners signers, CancellationToken cancellationToken)
    {
        var author = await AuthorBundleAsync(record, cancellationToken);
        HistoryVerificationException badSignature;
        try
        {
            state.Apply(record, id => id == record.AuthorId ? author : null);
            signers.Signed(record.AuthorId, author!, author!, []);
            return;
        }
        catch (HistoryVerificationException rejected) when (rejected.Reason == HistoryRejection.BadSignature && author is not null)
        {
            badSignature = rejected;
        }

        if (trust is not null && record.AuthorId != keys.UserId && signers.FirstDirectoryCheck(record.AuthorId))
        {
            // The author may have rotated its keys since the pin: the directory's bundle replaces it only through signed hand-overs.
            var current = await trust.RequireAsync(record.AuthorId, checkDirectory: true, cancellationToken);
            if (!current.Bundle.Matches(author))
            {
                author = current.Bundle;
                if (Verifies(record, author))
                {
                    state.Apply(record, id => id == record.AuthorId ? author : null);
                    signers.Signed(record.AuthorId, author, author, []);
                    return;
                }
            }
        }

        var lineage = await signers.LineageAsync(record.AuthorId, author, LineageAsync, cancellationToken);
        var signer = lineage.FirstOrDefault(older => Verifies(record, older));
        if (signer is null) throw badSignature;
        if (signers.Replaced(record.AuthorId, signer, author, lineage))
        {
            throw new HistoryVerificationException(
                HistoryRejection.BadSignature, record.Seq,
                $"the record is signed with an earlier key of author {record.AuthorId}, after a record of this vault signed with that author's newer key (a replaced key signs nothing after its successor).");
        }

        state.Apply(record, id => id == record.AuthorId ? signer : null);
        signers.Signed(record.AuthorId, signer, author, lineage);
    }

    /// <summary>The earlier bundles of <paramref name="current"/>'s account (newest first) that the directory's hand-overs vouch for.</summary>
    private async Task<IReadOnlyList<PublicKeyBundle>> LineageAsync(Guid authorId, PublicKeyBundle current, CancellationToken cancellationToken)
    {
        if (trust is null) return [];
        try
        {
            // Only the statements are used, each checked from the trusted bundle back: the directory's own bundle is not.
            var entry = await trust.Directory.GetPublicKeyAsync(authorId, cancellationToken);
            return KeyHandover.Lineage(current, entry.Handovers);
        }
        catch (PmApiException problem) when (problem.Status == System.Net.HttpStatusCode.NotFound)
        {
            return [];
        }
    }

    private static bool Verifies(HistoryRecord record, PublicKeyBundle bundle)
    {
        try
        {
            record.VerifySignature(bundle);
            return true;
        }
        catch (CryptoException)
        {
            return false;
        }
    }

    /// <summary>
    /// One verification run's view of the authors' keys: the lineages fetched (once per author and bundle) and, per author,
    /// the newest bundle that signed a verified record of the vault (kept in <see cref="HeldHistory.AuthorKeys"/>).
    /// </summary>
    private sealed class AuthorSigners(IReadOnlyDictionary<Guid, byte[]> held)
    {
        private readonly Dictionary<(Guid, string), IReadOnlyList<PublicKeyBundle>> lineages = [];
        private readonly HashSet<Guid> checkedInDirectory = [];

        public Dictionary<Guid, byte[]> NewestKeys { get; } = new(held);

        public async Task<IReadOnlyList<PublicKeyBundle>> LineageAsync(
            Guid authorId, PublicKeyBundle current, Func<Guid, PublicKeyBundle, CancellationToken, Task<IReadOnlyList<PublicKeyBundle>>> fetch,
            CancellationToken cancellationToken)
        {
            var key = (authorId, Convert.ToHexString(current.ToArray()));
            if (!lineages.TryGetValue(key, out var lineage)) lineages[key] = lineage = await fetch(authorId, current, cancellationToken);
            return lineage;
        }

        /// <summary>
        /// True the first time per author and run: a pin moves forward at most once per run, so the records an author signed
        /// with an earlier key (a fresh device meets many) ask the directory once, not once each.
        /// </summary>
        public bool FirstDirectoryCheck(Guid authorId) => checkedInDirectory.Add(authorId);

        /// <summary>Whether a bundle newer than <paramref name="signer"/> (in [<paramref name="current"/>, lineage…]) already signed a record.</summary>
        public bool Replaced(Guid authorId, PublicKeyBundle signer, PublicKeyBundle current, IReadOnlyList<PublicKeyBundle> lineage)
        {
            var newest = Position(authorId, current, lineage);
            return newest >= 0 && newest < Position(signer, current, lineage);
        }

        /// <summary>Remembers <paramref name="signer"/> as the author's newest key unless a newer one signed before.</summary>
        public void Signed(Guid authorId, PublicKeyBundle signer, PublicKeyBundle current, IReadOnlyList<PublicKeyBundle> lineage)
        {
            var newest = Position(authorId, current, lineage);
            if (newest < 0 || newest > Position(signer, current, lineage)) NewestKeys[authorId] = signer.ToArray();
        }

        /// <summary>Where the author's newest signing bundle stands in [current, lineage…]: 0 = current, −1 = none or not in it.</summary>
        private int Position(Guid authorId, PublicKeyBundle current, IReadOnlyList<PublicKeyBundle> lineage)
        {
            if (!NewestKeys.TryGetValue(authorId, out var bytes)) return -1;
            if (current.ToArray().AsSpan().SequenceEqual(bytes)) return 0;
            for (var i = 0; i < lineage.Count; i++)
                if (lineage[i].ToArray().AsSpan().SequenceEqual(bytes)) return i + 1;
            return -1;
        }

        private static int Position(PublicKeyBundle bundle, PublicKeyBundle current, IReadOnlyList<PublicKeyBundle> lineage)
        {
            if (bundle.Matches(current)) return 0;
            for (var i = 0; i < lineage.Count; i++)
                if (lineage[i].Matches(bundle)) return i + 1;
            return -1;
        }
    }
}
