using System.Security.Claims;
using PasswordManager.Application.Billing;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Auth.Users;

namespace PasswordManager.Api.Billing;

internal static class BillingCallers
{
    /// <summary>The caller of a Billing admin endpoint, from the validated access token.</summary>
    public static BillingCaller Of(ICurrentUser user, ClaimsPrincipal principal) =>
        new(user.Id, user.TenantId, user.Role >= TenantRole.Admin, principal.HasClaim("instance_admin", "true"));
}
