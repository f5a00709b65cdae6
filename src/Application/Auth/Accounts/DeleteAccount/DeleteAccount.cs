using Mediator;
using PasswordManager.Application.Auth.Mfa;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Accounts.DeleteAccount;

/// <summary>
/// Deletes the caller's account after a fresh authHash (and a second factor when MFA is on), by the rules of
/// <see cref="AccountDeletion"/>.
/// </summary>
public sealed record DeleteAccountCommand(UserId UserId, string AuthHash, string? Code = null, string? RecoveryCode = null) : ICommand<Result<DeleteAccountResult>>;

public sealed record DeleteAccountResult(int DeletedVaults, int LeftVaults, DateTimeOffset UsernameReservedUntil);

public sealed class DeleteAccountCommandHandler(Reauthentication reauthentication, AccountDeletion deletion)
    : ICommandHandler<DeleteAccountCommand, Result<DeleteAccountResult>>
{
    public async ValueTask<Result<DeleteAccountResult>> Handle(DeleteAccountCommand command, CancellationToken cancellationToken)
    {
        var verified = await reauthentication.VerifyWithSecondFactorAsync(
            command.UserId, command.AuthHash, command.Code, command.RecoveryCode, cancellationToken);
        if (verified.IsFailure) return verified.Error;
        return await deletion.DeleteAsync(verified.Value, cancellationToken);
    }
}
