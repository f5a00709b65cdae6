namespace PasswordManager.Application;

/// <summary>Marker for assembly scanning (Mediator, FluentValidation).</summary>
public sealed class ApplicationAssembly;
