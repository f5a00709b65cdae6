using FluentValidation;
using PasswordManager.Application.Common.Paging;

namespace PasswordManager.Application.Vault.Attachments.ListVaultAttachments;

internal sealed class ListVaultAttachmentsQueryValidator : AbstractValidator<ListVaultAttachmentsQuery>
{
    public ListVaultAttachmentsQueryValidator()
    {
        RuleFor(q => q.Limit).ValidPageLimit();
    }
}
