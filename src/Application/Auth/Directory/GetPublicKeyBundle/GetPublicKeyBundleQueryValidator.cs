using FluentValidation;

namespace PasswordManager.Application.Auth.Directory.GetPublicKeyBundle;

internal sealed class GetPublicKeyBundleQueryValidator : AbstractValidator<GetPublicKeyBundleQuery>
{
    public GetPublicKeyBundleQueryValidator() => RuleFor(q => q.Username).NotEmpty().MaximumLength(256);
}
