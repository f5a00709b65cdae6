using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PasswordManager.Domain.Auth.Email;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;

namespace PasswordManager.Infrastructure.Auth.Persistence.Configurations;

internal sealed class OutboxEmailConfiguration : IEntityTypeConfiguration<OutboxEmail>
{
    public void Configure(EntityTypeBuilder<OutboxEmail> builder)
    {
        builder.ToTable("email_outbox");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasColumnName("id");
        builder.Property(e => e.UserId).HasColumnName("user_id").HasConversion(id => id.Value, v => new UserId(v));
        builder.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.Kind).HasColumnName("kind").HasMaxLength(64);
        builder.Property(e => e.ToAddress).HasColumnName("to_address").HasMaxLength(254);
        builder.Property(e => e.Subject).HasColumnName("subject").HasMaxLength(200);
        builder.Property(e => e.TextBody).HasColumnName("text_body");
        builder.Property(e => e.HtmlBody).HasColumnName("html_body");
        builder.Property(e => e.CreatedAt).HasColumnName("created_at");
        builder.Property(e => e.NextAttemptAt).HasColumnName("next_attempt_at");
        builder.Property(e => e.Attempts).HasColumnName("attempts");
        builder.Property(e => e.LeaseOwner).HasColumnName("lease_owner").HasMaxLength(200);
        builder.Property(e => e.LeaseExpiresAt).HasColumnName("lease_expires_at");
        builder.Property(e => e.SentAt).HasColumnName("sent_at");
        builder.Property(e => e.FailedAt).HasColumnName("failed_at");
        builder.Property(e => e.LastError).HasColumnName("last_error").HasMaxLength(200);
        builder.HasIndex(e => e.NextAttemptAt).HasFilter("sent_at IS NULL AND failed_at IS NULL");
    }
}
