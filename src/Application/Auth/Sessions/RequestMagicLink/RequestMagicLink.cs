using System.Buffers.Text;
using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Auth.Email;
using PasswordManager.Application.Auth.Sessions.Login;
using PasswordManager.Domain.Auth.Email;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Sessions.RequestMagicLink;

/// <summary>
/// Mails a single-use sign-in token to a verified address. <paramref name="VerifierChallenge"/> is
/// BASE64URL(SHA-256(verifier)) of a verifier only the requesting device holds (PKCE S256); the token is redeemed only
/// together with that verifier. Same answer and at least the same time whether or not the address is known.
/// </summary>
public sealed record RequestMagicLinkCommand(string Email, string VerifierChallenge, DeviceInfo Device) : ICommand<Result>;

public sealed class RequestMagicLinkCommandHandler(IAuthDbContext db, AccountMail mail, AuthPolicy policy, TimeProvider clock)
    : ICommandHandler<RequestMagicLinkCommand, Result>
{
    public async ValueTask<Result> Handle(RequestMagicLinkCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var email = command.Email.Trim().ToLowerInvariant();
        var user = await db.Users.FirstOrDefaultAsync(u => u.Email == email && u.EmailVerifiedAt != null && u.DisabledAt == null, cancellationToken);
        if (user is not null)
        {
            await db.MagicLinks.Where(l => l.UserId == user.Id && (l.ExpiresAt <= now || l.UsedAt != null)).ExecuteDeleteAsync(cancellationToken);
            var token = OpaqueToken.Generate();
            var deviceName = command.Device.Name.Trim();
            db.MagicLinks.Add(MagicLink.Issue(
                user.Id, OpaqueToken.Hash(token), Base64Url.DecodeFromChars(command.VerifierChallenge), command.Device.Id, deviceName,
                command.Device.Type, now, policy.MagicLinkLifetime));
            mail.SendMagicLink(user, token, deviceName);
            await db.SaveChangesAsync(cancellationToken);
        }

        var remaining = now + policy.MailRequestMinimumDuration - clock.GetUtcNow();
        if (remaining > TimeSpan.Zero) await Task.Delay(remaining, clock, cancellationToken);
        return Result.Success();
    }
}
