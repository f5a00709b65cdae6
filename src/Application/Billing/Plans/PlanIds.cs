using System.Text.RegularExpressions;
using PasswordManager.Domain.Billing.Plans;

namespace PasswordManager.Application.Billing.Plans;

internal static partial class PlanIds
{
    public const string Message = "A plan id is 1 to 40 lowercase letters, digits and dashes, starting with a letter or digit.";

    public static bool IsValid(string? id) => id is { Length: > 0 and <= Plan.MaxIdLength } && Pattern().IsMatch(id);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
