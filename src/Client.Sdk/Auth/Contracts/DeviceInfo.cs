namespace PasswordManager.Client.Sdk.Auth.Contracts;

/// <summary>Identifies the device a session belongs to; logging in again from the same device id replaces its session.</summary>
public sealed record DeviceInfo(Guid Id, string Name, DeviceType Type);
