namespace PasswordManager.IntegrationTests.Infrastructure;

/// <summary>The real services deploy/test.sh starts for the tests.</summary>
internal static class TestEnvironment
{
    public static string Database => Required("PM_TEST_DATABASE");

    public static string S3Endpoint => Required("PM_TEST_S3_ENDPOINT");

    public static string S3AccessKey => Required("PM_TEST_S3_ACCESS_KEY");

    public static string S3SecretKey => Required("PM_TEST_S3_SECRET_KEY");

    public static string SmtpPort => Required("PM_TEST_SMTP_PORT");

    /// <summary>maildev's web API (<c>GET /api/email</c> lists delivered mail).</summary>
    public static string MailDevUrl => Required("PM_TEST_MAILDEV_URL");

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set. Run the tests through ./deploy/test.sh, which starts PostgreSQL, s3rver and maildev.");
}
