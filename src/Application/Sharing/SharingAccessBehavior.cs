using Mediator;
using PasswordManager.Application.Common.Exceptions;
using PasswordManager.Application.Contracts.Vault;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Sharing;

/// <summary>
/// Authorization before validation for every <see cref="ISharingVaultRequest"/>, as the vault's own requests have it:
/// when the request is invalid, a caller who is not an admin of the vault first gets the answer its access gives
/// (404 <c>vault.not_found</c>, 403 <c>vault.admin_forbidden</c>). Valid requests pay nothing here.
/// </summary>
public sealed class SharingAccessBehavior<TMessage, TResponse>(ISender sender) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, ISharingVaultRequest, IMessage
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
            var access = await sender.Send(new RequireVaultAdminQuery(message.VaultId, message.CallerId.Value), cancellationToken);
            if (access.IsFailure) return TResponse.Failure(access.Error);
            throw;
        }
    }
}
