using System.Data.Common;
using Mediator;

namespace PasswordManager.Application.Contracts.Billing;

/// <summary>
/// Takes the tenant's quota lock inside the caller's open transaction, for usage the caller counts itself (a user's
/// device sessions): lock, count, <see cref="CheckQuotaQuery"/>, write, commit — concurrent writers of the tenant
/// wait for each other, so they cannot pass the limit together.
/// </summary>
public sealed record LockQuotaCommand(Guid TenantId, DbTransaction Transaction) : ICommand;
