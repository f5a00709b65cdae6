using System.Text.Json;
using PasswordManager.Application.Auth.Email;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Auth.SecurityEvents;
using PasswordManager.Domain.Auth.Users;

namespace PasswordManager.Application.Auth.SecurityEvents;

internal sealed class SecurityEventRecorder(IAuthDbContext db, IRequestOrigin origin, AccountMail mail, TimeProvider clock) : ISecurityEventRecorder
{
    public void Record(
        User user, string type, string? deviceName = null, IReadOnlyDictionary<string, object>? details = null,
        bool succeeded = true, string? objectType = null, Guid? objectId = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        db.SecurityEvents.Add(SecurityEvent.Occurred(
            user.Id, user.TenantId, type, clock.GetUtcNow(), origin.IpAddress, deviceName,
            details is null ? null : JsonSerializer.Serialize(details), succeeded, objectType, objectId));
        mail.Notify(user, type, deviceName);
    }
}
