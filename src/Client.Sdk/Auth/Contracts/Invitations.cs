namespace PasswordManager.Client.Sdk.Auth.Contracts;

public sealed record CreateInvitationRequest(TenantRole Role);

/// <summary>The code is shown once; the server keeps only its hash.</summary>
public sealed record Invitation(Guid Id, string Code, TenantRole Role, DateTimeOffset ExpiresAt);
