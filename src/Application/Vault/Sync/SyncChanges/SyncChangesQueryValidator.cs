using FluentValidation;
using PasswordManager.Application.Common.Paging;

namespace PasswordManager.Application.Vault.Sync.SyncChanges;

internal sealed class SyncChangesQueryValidator : AbstractValidator<SyncChangesQuery>
{
    public SyncChangesQueryValidator() => RuleFor(q => q.Limit).ValidPageLimit().When(q => q.Limit is not null);
}
