using Microsoft.Extensions.DependencyInjection;

namespace PasswordManager.Infrastructure.Auth.Audit;

/// <summary><c>PasswordManager.Api audit verify</c>: exit code 0 when every tenant chain holds, 1 at the first break.</summary>
public static class AuditCommandLine
{
    public static bool Handles(string[] args) => args is ["audit", ..];

    public static async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (args is not ["audit", "verify", ..])
        {
            await output.WriteLineAsync("usage: PasswordManager.Api audit verify");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var verification = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(cancellationToken);
        foreach (var tenant in verification.Tenants)
        {
            if (tenant.Break is { } broken)
            {
                await output.WriteLineAsync(
                    $"tenant {tenant.TenantId}: BROKEN at row {broken.Sequence}{(broken.EventId is { } id ? $" (event {id})" : "")}: {broken.Reason}");
                return 1;
            }

            await output.WriteLineAsync(
                $"tenant {tenant.TenantId}: ok, rows {tenant.FirstSequence}..{tenant.LastSequence} ({tenant.Rows} present), {tenant.Checkpoints} signed checkpoints");
        }

        await output.WriteLineAsync($"audit log intact: {verification.Tenants.Count} tenant chains verified");
        return 0;
    }
}
