using System.Buffers.Text;
using System.Security.Cryptography;
using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Auth.SecurityEvents;
using PasswordManager.Application.Contracts.Auth;
using PasswordManager.Application.Contracts.Billing;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Auth.ApiKeys;
using PasswordManager.Domain.Auth.SecurityEvents;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.ApiKeys.CreateApiKey;

public sealed record CreateApiKeyCommand(
    UserId UserId, TenantId TenantId, TenantRole CallerRole, string Name, IReadOnlyList<string> Scopes, DateTimeOffset? ExpiresAt)
    : ICommand<Result<CreateApiKeyResult>>;

/// <summary>The secret is returned here once; only its keyed hash is stored.</summary>
public sealed record CreateApiKeyResult(
    string Id, string Name, IReadOnlyList<string> Scopes, string Secret, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt);

public sealed class CreateApiKeyCommandHandler(
    IAuthDbContext db, IApiKeySecretHasher hasher, ISecurityEventRecorder events, ISender sender, AuthPolicy policy, TimeProvider clock)
    : ICommandHandler<CreateApiKeyCommand, Result<CreateApiKeyResult>>
{
    public async ValueTask<Result<CreateApiKeyResult>> Handle(CreateApiKeyCommand command, CancellationToken cancellationToken)
    {
        var denied = command.Scopes.FirstOrDefault(ApiKeyScope.NeedsTenantAdmin);
        if (denied is not null && command.CallerRole < TenantRole.Admin) return new ApiKeyScopeNotAllowed(denied);

        var now = clock.GetUtcNow();
        var active = await db.ApiKeys.CountAsync(
            k => k.UserId == command.UserId && k.RevokedAt == null && (k.ExpiresAt == null || k.ExpiresAt > now), cancellationToken);
        if (active >= policy.MaxApiKeysPerUser) return new ApiKeyLimitReached(policy.MaxApiKeysPerUser);
        var withinPlan = await sender.Send(new CheckQuotaQuery(command.TenantId.Value, Entitlement.ApiKeys, active), cancellationToken);
        if (withinPlan.IsFailure) return withinPlan.Error;

        var id = ApiKey.IdPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        var secret = ApiKey.SecretPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var key = ApiKey.Create(
            id, command.UserId, command.TenantId, command.Name, command.Scopes, hasher.Hash(id, secret), now, command.ExpiresAt);
        db.ApiKeys.Add(key);
        var user = await db.Users.SingleAsync(u => u.Id == command.UserId, cancellationToken);
        events.Record(user, SecurityEventTypes.ApiKeyCreated, details: new Dictionary<string, object>
        {
            ["apiKeyId"] = key.Id,
            ["scopes"] = string.Join(' ', key.Scopes),
        });
        await db.SaveChangesAsync(cancellationToken);
        return new CreateApiKeyResult(key.Id, key.Name, key.Scopes, secret, key.CreatedAt, key.ExpiresAt);
    }
}
