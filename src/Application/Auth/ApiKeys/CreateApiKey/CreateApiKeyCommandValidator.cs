using FluentValidation;
using PasswordManager.Application.Contracts.Auth;
using PasswordManager.Domain.Auth.ApiKeys;

namespace PasswordManager.Application.Auth.ApiKeys.CreateApiKey;

internal sealed class CreateApiKeyCommandValidator : AbstractValidator<CreateApiKeyCommand>
{
    public CreateApiKeyCommandValidator(TimeProvider clock)
    {
        RuleFor(c => c.Name)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("name is required.")
            .MaximumLength(ApiKey.MaxNameLength);
        RuleFor(c => c.Scopes)
            .NotNull().WithMessage("scopes is required.")
            .Must(s => s is { Count: > 0 }).WithMessage("An API key needs at least one scope.")
            .Must(s => s is null || s.All(x => x is not null && ApiKeyScope.IsKnown(x)))
            .WithMessage($"Unknown scope; the scopes are {string.Join(", ", ApiKeyScope.All)}.");
        RuleFor(c => c.ExpiresAt).Must(e => e > clock.GetUtcNow()).When(c => c.ExpiresAt is not null).WithMessage("expiresAt must be in the future.");
    }
}
