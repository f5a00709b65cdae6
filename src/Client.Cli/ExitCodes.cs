namespace PasswordManager.Client.Cli;

/// <summary>Process exit codes; the table in docs/cli.md must match.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Usage = 1;
    public const int Auth = 2;
    public const int ServerOrNetwork = 3;
    public const int NotFoundOrConflict = 4;
    public const int UntrustedServer = 5;
    public const int NotAvailable = 6;
    public const int Internal = 9;
    public const int Cancelled = 130;
}
