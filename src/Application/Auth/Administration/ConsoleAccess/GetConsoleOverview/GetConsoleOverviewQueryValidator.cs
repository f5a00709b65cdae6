using FluentValidation;

namespace PasswordManager.Application.Auth.Administration.ConsoleAccess.GetConsoleOverview;

internal sealed class GetConsoleOverviewQueryValidator : AbstractValidator<GetConsoleOverviewQuery>
{
    public GetConsoleOverviewQueryValidator() => RuleFor(q => q.Days).InclusiveBetween(1, 90);
}
