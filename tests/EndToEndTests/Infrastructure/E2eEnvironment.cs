namespace PasswordManager.EndToEndTests.Infrastructure;

/// <summary>The real services deploy/test.sh starts: PostgreSQL, an s3rver S3 server and maildev.</summary>
internal static class E2eEnvironment
{
    public static string Database => Required("PM_TEST_DATABASE");

    public static string S3Endpoint => Required("PM_TEST_S3_ENDPOINT");

    public static string S3AccessKey => Required("PM_TEST_S3_ACCESS_KEY");

    public static string S3SecretKey => Required("PM_TEST_S3_SECRET_KEY");

    /// <summary>s3rver's data folder, scanned for secrets.</summary>
    public static string S3Directory => Required("PM_TEST_S3_DIRECTORY");

    public static string SmtpPort => Required("PM_TEST_SMTP_PORT");

    /// <summary>maildev's web API, where the tests read delivered mail (<c>GET /api/email</c>).</summary>
    public static string MailDevUrl => Required("PM_TEST_MAILDEV_URL");

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set. Run the tests through ./deploy/test.sh, which starts PostgreSQL and s3rver.");
}
