using FluentValidation;

namespace PasswordManager.Application.Auth.SecurityEvents.ListSecurityEvents;

internal sealed class ListSecurityEventsQueryValidator : AbstractValidator<ListSecurityEventsQuery>
{
    public const int MaxLimit = 200;

    public ListSecurityEventsQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, MaxLimit);
        RuleFor(q => q.Before).NotEqual(Guid.Empty);
    }
}
