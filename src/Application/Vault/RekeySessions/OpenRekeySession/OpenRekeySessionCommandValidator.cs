using FluentValidation;

namespace PasswordManager.Application.Vault.RekeySessions.OpenRekeySession;

internal sealed class OpenRekeySessionCommandValidator : AbstractValidator<OpenRekeySessionCommand>
{
    public OpenRekeySessionCommandValidator()
    {
        RuleFor(c => c.VaultId).NotEmpty();
        RuleFor(c => c.FromKeyEpoch).GreaterThan(0);
        RuleFor(c => c.Revoke).NotNull().Must(r => r.Count <= 1000).WithMessage("At most 1000 members to revoke.");
        RuleForEach(c => c.Revoke).NotEmpty();
    }
}
