namespace PasswordManager.Application.Common.Validation;

/// <summary>
/// A validator that can tell, without FluentValidation's per-call context, that a message passes every one of its
/// rules. <see cref="Behaviors.ValidationBehavior{TMessage, TResponse}"/> runs the full validator only when
/// <see cref="Passes"/> is false, so the failures (property names and messages) always come from the rules
/// themselves; <see cref="Passes"/> may answer false for a valid message, never true for an invalid one.
/// </summary>
public interface IPrecheckedValidator<in T>
{
    bool Passes(T message);
}
