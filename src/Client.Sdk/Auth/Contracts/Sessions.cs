namespace PasswordManager.Client.Sdk.Auth.Contracts;

public sealed record SessionList(IReadOnlyList<SessionSummary> Items);

public sealed record SessionSummary(
    Guid Id, Guid DeviceId, string DeviceName, DeviceType DeviceType, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, bool Current);

public sealed record RevokeOtherSessionsResponse(int Revoked);
