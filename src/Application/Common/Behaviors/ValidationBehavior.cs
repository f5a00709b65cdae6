using FluentValidation;
using FluentValidation.Results;
using Mediator;
using PasswordManager.Application.Common.Validation;

namespace PasswordManager.Application.Common.Behaviors;

public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        List<ValidationFailure>? failures = null;
        foreach (var validator in validators)
        {
            if (validator is IPrecheckedValidator<TMessage> precheck && precheck.Passes(message)) continue;
            var result = await validator.ValidateAsync(message, cancellationToken);
            if (!result.IsValid) (failures ??= []).AddRange(result.Errors);
        }

        if (failures is not null) throw new Exceptions.ValidationException(failures);
        return await next(message, cancellationToken);
    }
}
