using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

namespace PasswordManager.Infrastructure.Auth.Jwt;

/// <summary>
/// The claims of a validated access token, shared by every request that presents the same token
/// (<see cref="CachingJsonWebTokenHandler"/>). Claim lookups behave as the token handler's own identity; any attempt
/// to change the claims throws instead of leaking into other requests.
/// </summary>
internal sealed class FrozenClaimsIdentity : CaseSensitiveClaimsIdentity
{
    private readonly bool frozen;

    private FrozenClaimsIdentity(ClaimsIdentity validated)
        : base(validated) => frozen = true;

    public static FrozenClaimsIdentity Of(ClaimsIdentity validated) =>
        validated as FrozenClaimsIdentity ?? new FrozenClaimsIdentity(validated);

    public override void AddClaim(Claim claim)
    {
        ThrowIfFrozen();
        base.AddClaim(claim);
    }

    public override void AddClaims(IEnumerable<Claim?> claims)
    {
        ThrowIfFrozen();
        base.AddClaims(claims);
    }

    public override void RemoveClaim(Claim? claim)
    {
        ThrowIfFrozen();
        base.RemoveClaim(claim);
    }

    public override bool TryRemoveClaim(Claim? claim)
    {
        ThrowIfFrozen();
        return base.TryRemoveClaim(claim);
    }

    public override ClaimsIdentity Clone() => new CaseSensitiveClaimsIdentity(this);

    private void ThrowIfFrozen()
    {
        if (frozen) throw new InvalidOperationException("The claims of a validated access token are shared between requests and cannot change.");
    }
}
