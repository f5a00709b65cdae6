using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Auth.Mfa;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Mfa;

/// <summary>Issues a fresh set of recovery codes (10 × 50 random bits, shown as <c>xxxxx-xxxxx</c>) in place of the old set.</summary>
public sealed class RecoveryCodes(IAuthDbContext db, IRecoveryCodeHasher hasher)
{
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
    private const int Length = 10;

    /// <summary>Replaces the user's codes (in the caller's unit of work) and returns the new ones in clear, to show once.</summary>
    public async Task<IReadOnlyList<string>> ReplaceAsync(UserId user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var old = await db.RecoveryCodes.Where(c => c.UserId == user).ToListAsync(cancellationToken);
        db.RecoveryCodes.RemoveRange(old);
        var codes = new List<string>(RecoveryCode.SetSize);
        for (var i = 0; i < RecoveryCode.SetSize; i++)
        {
            var raw = new string(RandomNumberGenerator.GetItems<char>(Alphabet, Length));
            db.RecoveryCodes.Add(RecoveryCode.Issue(user, hasher.Hash(raw), now));
            codes.Add($"{raw[..5]}-{raw[5..]}");
        }

        return codes;
    }

    public static string Normalize(string code) =>
        new([.. code.Where(c => c is not ('-' or ' ')).Select(char.ToLowerInvariant)]);
}
