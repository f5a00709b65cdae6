using FluentValidation;

namespace PasswordManager.Application.Auth.Audit.ListAuditEvents;

internal sealed class ListAuditEventsQueryValidator : AbstractValidator<ListAuditEventsQuery>
{
    public const int MaxLimit = 200;

    public ListAuditEventsQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, MaxLimit);
        RuleFor(q => q.Before).GreaterThan(0);
        RuleFor(q => q.UserId).NotEqual(Guid.Empty);
        RuleFor(q => q.Action).MaximumLength(64).Matches("^[a-z0-9_]+$").WithMessage("'action' is a lower-case action name such as login or vault_shared.");
        RuleFor(q => q.To).GreaterThan(q => q.From).When(q => q.From is not null && q.To is not null);
    }
}
