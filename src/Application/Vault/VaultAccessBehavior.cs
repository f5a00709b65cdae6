using Mediator;
using PasswordManager.Application.Common.Exceptions;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Vault;

/// <summary>
/// Authorization before validation for every <see cref="IVaultRequest"/>: when the request is invalid, the caller
/// first gets the answer its access gives (404 <c>vault.not_found</c> without access, 403 below the permission),
/// so a vault the caller cannot see never answers about the body. Valid requests pay nothing here: their
/// handler checks access as before.
/// </summary>
public sealed class VaultAccessBehavior<TMessage, TResponse>(IVaultDbContext db, TimeProvider clock) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IVaultRequest, IMessage
    where TResponse : IFailable<TResponse>
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(message, cancellationToken);
        }
        catch (ValidationException)
        {
            var access = await db.RequireAsync(message.VaultId, message.CallerId, message.RequiredPermission, clock.GetUtcNow(), cancellationToken);
            if (access.IsFailure) return TResponse.Failure(access.Error);
            throw;
        }
    }
}
