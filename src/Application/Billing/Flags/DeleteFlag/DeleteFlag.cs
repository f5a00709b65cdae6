using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Contracts.Auth;
using PasswordManager.Domain.Billing;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Billing.Flags.DeleteFlag;

public sealed record DeleteFlagCommand(BillingCaller Caller, string Name) : ICommand<Result>;

public sealed class DeleteFlagCommandHandler(IBillingDbContext db, ISender sender) : ICommandHandler<DeleteFlagCommand, Result>
{
    public async ValueTask<Result> Handle(DeleteFlagCommand command, CancellationToken cancellationToken)
    {
        var allowed = command.Caller.MayChange();
        if (allowed.IsFailure) return allowed.Error;
        if (await db.Flags.Where(f => f.Name == command.Name).ExecuteDeleteAsync(cancellationToken) == 0) return new FlagNotFound(command.Name);
        await db.NotifyFlagsChangedAsync(cancellationToken);
        await sender.Send(new RecordSecurityEventCommand(command.Caller.UserId.Value, BillingSecurityEvents.FlagDeleted,
            new Dictionary<string, object> { ["flag"] = command.Name }), cancellationToken);
        return Result.Success();
    }
}
