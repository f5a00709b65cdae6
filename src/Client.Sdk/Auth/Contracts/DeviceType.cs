namespace PasswordManager.Client.Sdk.Auth.Contracts;

public enum DeviceType
{
    Unknown = 0,
    Cli = 1,
    Desktop = 2,
    Mobile = 3,
    Browser = 4,
    Server = 5,
}
