using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Contracts.Billing;
using PasswordManager.Domain.Auth.Mfa;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Mfa.EnrolTotp;

/// <summary>
/// Starts (or restarts) a TOTP enrolment, if the tenant's plan offers TOTP; MFA is on only after <c>ConfirmTotpCommand</c>.
/// </summary>
public sealed record EnrolTotpCommand(UserId UserId, string AuthHash) : ICommand<Result<EnrolTotpResult>>;

public sealed record EnrolTotpResult(string Secret, string OtpauthUri, byte[] QrCodePng);

public sealed class EnrolTotpCommandHandler(
    IAuthDbContext db, Reauthentication reauthentication, TotpSecrets secrets, ITotpCodes totp, AuthPolicy policy, ISender sender,
    TimeProvider clock)
    : ICommandHandler<EnrolTotpCommand, Result<EnrolTotpResult>>
{
    public async ValueTask<Result<EnrolTotpResult>> Handle(EnrolTotpCommand command, CancellationToken cancellationToken)
    {
        var user = await reauthentication.VerifyAsync(command.UserId, command.AuthHash, cancellationToken);
        if (user.IsFailure) return user.Error;

        var existing = await db.TotpAuthenticators.SingleOrDefaultAsync(t => t.UserId == command.UserId, cancellationToken);
        if (existing is { IsEnabled: true }) return new MfaAlreadyEnabled();
        var offered = await sender.Send(new CheckMfaMethodQuery(user.Value.TenantId.Value, MfaMethod.Totp), cancellationToken);
        if (offered.IsFailure) return offered.Error;

        var secret = totp.NewSecret();
        var stored = await secrets.PutAsync(user.Value.TenantId, user.Value.Id, secret, cancellationToken);
        if (stored.IsFailure) return stored.Error;
        if (existing is null) db.TotpAuthenticators.Add(TotpAuthenticator.Enrol(command.UserId, clock.GetUtcNow()));
        else existing.RestartEnrolment(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);

        var provisioning = totp.Provision(secret, policy.MfaIssuer, user.Value.Username);
        return new EnrolTotpResult(provisioning.Secret, provisioning.OtpauthUri, provisioning.QrCodePng);
    }
}
