using Mapster;
using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Contracts.Auth;
using PasswordManager.Domain.Billing.Flags;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Billing.Flags.SetFlag;

/// <summary>Creates or replaces a feature flag (instance admins); every server process sees the change within seconds.</summary>
public sealed record SetFlagCommand(BillingCaller Caller, string Name, FlagSettings Settings) : ICommand<Result<FlagView>>;

public sealed class SetFlagCommandHandler(IBillingDbContext db, ISender sender, TypeAdapterConfig mappings, TimeProvider clock)
    : ICommandHandler<SetFlagCommand, Result<FlagView>>
{
    public async ValueTask<Result<FlagView>> Handle(SetFlagCommand command, CancellationToken cancellationToken)
    {
        var allowed = command.Caller.MayChange();
        if (allowed.IsFailure) return allowed.Error;
        var now = clock.GetUtcNow();
        var flag = await db.Flags.SingleOrDefaultAsync(f => f.Name == command.Name, cancellationToken);
        if (flag is null)
        {
            flag = FeatureFlag.Create(command.Name, command.Caller.UserId, now);
            db.Flags.Add(flag);
        }

        flag.Set(command.Settings, command.Caller.UserId, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent create of the same flag won; setting again replaces it.
            db.Flags.Remove(flag);
            return await Handle(command, cancellationToken);
        }

        await db.NotifyFlagsChangedAsync(cancellationToken);
        await sender.Send(new RecordSecurityEventCommand(command.Caller.UserId.Value, BillingSecurityEvents.FlagChanged,
            new Dictionary<string, object> { ["flag"] = flag.Name, ["enabled"] = flag.Enabled, ["rolloutPercentage"] = flag.RolloutPercentage }),
            cancellationToken);
        return flag.Adapt<FlagView>(mappings);
    }
}
