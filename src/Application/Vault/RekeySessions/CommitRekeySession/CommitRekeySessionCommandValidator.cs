using FluentValidation;

namespace PasswordManager.Application.Vault.RekeySessions.CommitRekeySession;

internal sealed class CommitRekeySessionCommandValidator : AbstractValidator<CommitRekeySessionCommand>
{
    public CommitRekeySessionCommandValidator()
    {
        RuleFor(c => c.VaultId).NotEmpty();
        RuleFor(c => c.SessionId).NotEmpty();
        RuleFor(c => c.Members).NotEmpty()
            .Must(m => m.Select(x => x.UserId).Distinct().Count() == m.Count).WithMessage("Each member may appear once.");
        RuleForEach(c => c.Members).ChildRules(member =>
        {
            member.RuleFor(m => m.UserId).NotEmpty();
            member.RuleFor(m => m.WrappedKey).SealedKey();
            member.RuleFor(m => m.GranterSignature).Signature();
        });
    }
}
