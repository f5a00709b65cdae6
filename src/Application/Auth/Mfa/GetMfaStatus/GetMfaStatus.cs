using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Mfa.GetMfaStatus;

public sealed record GetMfaStatusQuery(UserId UserId) : IQuery<MfaStatus>;

public sealed record MfaStatus(bool Enabled, bool EnrolmentPending, DateTimeOffset? EnabledAt, int RecoveryCodesRemaining);

public sealed class GetMfaStatusQueryHandler(IAuthDbContext db) : IQueryHandler<GetMfaStatusQuery, MfaStatus>
{
    public async ValueTask<MfaStatus> Handle(GetMfaStatusQuery query, CancellationToken cancellationToken)
    {
        var authenticator = await db.TotpAuthenticators.AsNoTracking().SingleOrDefaultAsync(t => t.UserId == query.UserId, cancellationToken);
        var remaining = await db.RecoveryCodes.CountAsync(c => c.UserId == query.UserId && c.UsedAt == null, cancellationToken);
        return new MfaStatus(authenticator?.IsEnabled == true, authenticator is { IsEnabled: false }, authenticator?.ConfirmedAt, remaining);
    }
}
