using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Auth.Users;

namespace PasswordManager.Application.Auth.Mfa;

/// <summary>Checks a TOTP code or a recovery code of a user whose MFA is on, and spends it.</summary>
public sealed class SecondFactor(IAuthDbContext db, TotpSecrets secrets, ITotpCodes totp, IRecoveryCodeHasher hasher, TimeProvider clock)
{
    public async Task<SecondFactorCheck> VerifyAsync(User user, string? code, string? recoveryCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (code is not null) return await VerifyTotpAsync(user, code, cancellationToken) ? SecondFactorCheck.Totp : SecondFactorCheck.Failed;
        if (recoveryCode is not null) return await SpendRecoveryCodeAsync(user, recoveryCode, cancellationToken);
        return SecondFactorCheck.Failed;
    }

    private async Task<bool> VerifyTotpAsync(User user, string code, CancellationToken cancellationToken)
    {
        var secret = await secrets.GetAsync(user.TenantId, user.Id, cancellationToken);
        if (secret.IsFailure || secret.Value is null) return false;
        var step = totp.Match(secret.Value, code, clock.GetUtcNow());
        if (step is null) return false;

        // One conditional update: of two requests with the same code, only one moves the step forward.
        var accepted = await db.TotpAuthenticators
            .Where(t => t.UserId == user.Id && t.ConfirmedAt != null && (t.LastAcceptedTimeStep == null || t.LastAcceptedTimeStep < step))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastAcceptedTimeStep, step), cancellationToken);
        return accepted == 1;
    }

    private async Task<SecondFactorCheck> SpendRecoveryCodeAsync(User user, string recoveryCode, CancellationToken cancellationToken)
    {
        var normalized = RecoveryCodes.Normalize(recoveryCode);
        var unused = await db.RecoveryCodes.AsNoTracking()
            .Where(c => c.UserId == user.Id && c.UsedAt == null)
            .Select(c => new { c.Id, c.CodeHash })
            .ToListAsync(cancellationToken);
        var match = unused.FirstOrDefault(c => hasher.Verify(c.CodeHash, normalized));
        if (match is null) return SecondFactorCheck.Failed;

        var spent = await db.RecoveryCodes
            .Where(c => c.Id == match.Id && c.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, clock.GetUtcNow()), cancellationToken);
        if (spent != 1) return SecondFactorCheck.Failed;
        return new SecondFactorCheck(true, true, unused.Count - 1);
    }
}

/// <summary>The outcome; <see cref="RecoveryCodesRemaining"/> is set when a recovery code was spent.</summary>
public sealed record SecondFactorCheck(bool Accepted, bool UsedRecoveryCode, int? RecoveryCodesRemaining)
{
    public static readonly SecondFactorCheck Failed = new(false, false, null);
    public static readonly SecondFactorCheck Totp = new(true, false, null);
}
