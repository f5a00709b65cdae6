using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PasswordManager.Infrastructure.Auth.Persistence;

namespace PasswordManager.Infrastructure.Common.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build a module context without starting the API.</summary>
internal sealed class AuthDbContextDesignTimeFactory : IDesignTimeDbContextFactory<AuthDbContext>
{
    public AuthDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<AuthDbContext>()
        .UseNpgsql("Host=localhost;Database=design_time", o => o.MigrationsHistoryTable("__EFMigrationsHistory", "auth"))
        .Options);
}
