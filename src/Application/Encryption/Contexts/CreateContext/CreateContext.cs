using Mediator;
using PasswordManager.Application.Encryption.Keys;
using PasswordManager.Application.Encryption.Operations;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Encryption.Contexts.CreateContext;

/// <summary>Creates a context with version 1; with <see cref="MasterKey"/> its keys are wrapped by that client key.</summary>
public sealed record CreateContextCommand(TenantId TenantId, string EncryptionId, string? MasterKey) : ICommand<Result<ContextDetails>>;

public sealed class CreateContextCommandHandler(IEncryptionDbContext db, IKeyRing keys, TimeProvider clock)
    : ICommandHandler<CreateContextCommand, Result<ContextDetails>>
{
    public async ValueTask<Result<ContextDetails>> Handle(CreateContextCommand command, CancellationToken cancellationToken)
    {
        var created = await ContextCreation.CreateAsync(
            db, keys, clock, command.TenantId, command.EncryptionId, WireFormat.MasterKey(command.MasterKey), cancellationToken);
        if (created.IsFailure) return created.Error;
        return ContextDetails.Of(created.Value);
    }
}
