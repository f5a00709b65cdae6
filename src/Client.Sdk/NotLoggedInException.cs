namespace PasswordManager.Client.Sdk;

/// <summary>An authenticated call was made but the token store holds no session (never logged in, or logged out).</summary>
public sealed class NotLoggedInException : Exception
{
    public NotLoggedInException()
        : base("Not logged in.")
    {
    }

    public NotLoggedInException(string message)
        : base(message)
    {
    }

    public NotLoggedInException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
