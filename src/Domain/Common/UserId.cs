namespace PasswordManager.Domain.Common;

public readonly record struct UserId(Guid Value)
{
    public override string ToString() => Value.ToString();
}

public readonly record struct TenantId(Guid Value)
{
    /// <summary>The tenant every self-hosted instance starts with.</summary>
    public static readonly TenantId Default = new(Guid.Parse("00000000-0000-0000-0000-000000000001"));

    public override string ToString() => Value.ToString();
}
