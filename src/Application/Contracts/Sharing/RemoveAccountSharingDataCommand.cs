using System.Data.Common;
using Mediator;

namespace PasswordManager.Application.Contracts.Sharing;

/// <summary>
/// Removes what the Sharing module holds of an account that is being deleted, inside the caller's open transaction:
/// the vault invitations it made or accepted, those addressed to its <see cref="Identifiers"/> (username and email,
/// normalized), and its access log (the entries it fetched, in the vaults that stay).
/// </summary>
public sealed record RemoveAccountSharingDataCommand(Guid UserId, IReadOnlyCollection<string> Identifiers, DbTransaction Transaction) : ICommand;
