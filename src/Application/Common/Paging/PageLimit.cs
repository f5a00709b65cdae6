using FluentValidation;

namespace PasswordManager.Application.Common.Paging;

/// <summary>
/// The one rule for <c>?limit=</c> on every paginated list: 1 to <see cref="Max"/> items a page. A value outside
/// it is refused (400), never clamped, so a client learns at once that it asked for something else.
/// </summary>
public static class PageLimit
{
    public const int Min = 1;
    public const int Max = 1000;

    public static IRuleBuilderOptions<T, int> ValidPageLimit<T>(this IRuleBuilder<T, int> rule) =>
        rule.InclusiveBetween(Min, Max).WithMessage($"limit must be between {Min} and {Max}.");

    public static IRuleBuilderOptions<T, int?> ValidPageLimit<T>(this IRuleBuilder<T, int?> rule) =>
        rule.InclusiveBetween(Min, Max).WithMessage($"limit must be between {Min} and {Max}.");
}
