using FluentValidation;

namespace PasswordManager.Application.Vault.History.WriteCheckpoint;

internal sealed class WriteCheckpointCommandValidator : AbstractValidator<WriteCheckpointCommand>
{
    public WriteCheckpointCommandValidator() => RuleFor(c => c.Record).NotEmpty().WithMessage("record is required.");
}
