namespace PasswordManager.Application.Billing;

/// <summary>The targeting groups a caller belongs to.</summary>
public static class FlagGroups
{
    public static string Tenant(Guid tenantId) => "tenant:" + tenantId.ToString("D");

    public static string Plan(string planId) => "plan:" + planId;
}
