using PasswordManager.Client.Sdk.Http;
using PasswordManager.Client.Sdk.Keys.Contracts;

namespace PasswordManager.Client.Sdk.Keys;

/// <summary>The public key directory as typed calls; its answers are unverified until <see cref="TrustedKeys"/> checks them.</summary>
public sealed class KeyDirectoryApi
{
    private readonly ApiConnection connection;

    internal KeyDirectoryApi(ApiConnection connection)
    {
        this.connection = connection;
    }

    public Task<PublicKeyDirectoryEntry> GetPublicKeyAsync(string username, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<PublicKeyDirectoryEntry>(
            HttpMethod.Get, $"api/v1/directory/users/{Uri.EscapeDataString(username)}/public-key", body: null, cancellationToken);

    public Task<PublicKeyDirectoryEntry> GetPublicKeyAsync(Guid userId, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<PublicKeyDirectoryEntry>(HttpMethod.Get, $"api/v1/directory/user-ids/{userId:D}/public-key", body: null, cancellationToken);
}
