using System.Text.RegularExpressions;
using FluentValidation;
using PasswordManager.Domain.Billing.Flags;

namespace PasswordManager.Application.Billing.Flags.SetFlag;

internal sealed partial class SetFlagCommandValidator : AbstractValidator<SetFlagCommand>
{
    public SetFlagCommandValidator()
    {
        RuleFor(c => c.Name).Must(IsValidName)
            .WithMessage($"A flag name is 1 to {FeatureFlag.MaxNameLength} lowercase letters, digits, dots, dashes and underscores, and does not start with \"{FeatureFlag.EntitlementPrefix}\".");
        RuleFor(c => c.Settings.Description).MaximumLength(FeatureFlag.MaxDescriptionLength);
        RuleFor(c => c.Settings.RolloutPercentage).InclusiveBetween(0, 100);
        RuleFor(c => c.Settings.Tenants).Must(t => t.Count <= FeatureFlag.MaxTargets && t.All(id => id != Guid.Empty))
            .WithMessage($"tenants holds at most {FeatureFlag.MaxTargets} non-empty ids.");
        RuleFor(c => c.Settings.Users).Must(u => u.Count <= FeatureFlag.MaxTargets && u.All(id => id != Guid.Empty))
            .WithMessage($"users holds at most {FeatureFlag.MaxTargets} non-empty ids.");
        RuleFor(c => c.Settings.Plans).Must(p => p.Count <= FeatureFlag.MaxTargets && p.All(id => id is { Length: > 0 and <= 40 }))
            .WithMessage($"plans holds at most {FeatureFlag.MaxTargets} plan ids.");
        RuleFor(c => c.Settings.Variants)
            .Must(v => v.Count <= FeatureFlag.MaxVariants && v.Select(x => x.Name).Distinct().Count() == v.Count
                && v.All(x => IsValidName(x.Name) && (x.Value?.Length ?? 0) <= FeatureFlag.MaxVariantValueLength))
            .WithMessage($"variants: at most {FeatureFlag.MaxVariants}, distinct names, values up to {FeatureFlag.MaxVariantValueLength} characters.");
        RuleFor(c => c.Settings.VariantWhenEnabled).Must((c, v) => c.Settings.Variants.Any(x => x.Name == v))
            .When(c => c.Settings.VariantWhenEnabled is not null).WithMessage("variantWhenEnabled must name one of the variants.");
        RuleFor(c => c.Settings.VariantWhenDisabled).Must((c, v) => c.Settings.Variants.Any(x => x.Name == v))
            .When(c => c.Settings.VariantWhenDisabled is not null).WithMessage("variantWhenDisabled must name one of the variants.");
    }

    private static bool IsValidName(string? name) =>
        name is { Length: > 0 and <= FeatureFlag.MaxNameLength } && Pattern().IsMatch(name)
        && !name.StartsWith(FeatureFlag.EntitlementPrefix, StringComparison.Ordinal);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
