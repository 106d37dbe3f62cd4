using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ConsentKit.EntityFrameworkCore;

/// <summary>Maps ConsentKit's tables into a <see cref="DbContext"/>: ConsentKit's own, or the site's.</summary>
public static class ConsentStoreModel
{
    /// <summary>Table of proof records (one row per decision).</summary>
    public const string RecordsTable = "ConsentKitRecords";

    /// <summary>Table of per-module decisions inside each proof record.</summary>
    public const string RecordDecisionsTable = "ConsentKitRecordDecisions";

    /// <summary>Table of the current decision per receipt and module.</summary>
    public const string CurrentDecisionsTable = "ConsentKitCurrentDecisions";

    /// <summary>Table of the Data Protection key ring, shared by every instance.</summary>
    public const string DataProtectionKeysTable = "ConsentKitDataProtectionKeys";

    // Every time is UTC; SQLite hands DateTime back as Unspecified, so say so on the way in.
    private static readonly ValueConverter<DateTime, DateTime> Utc = new(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    /// <summary>
    /// Adds ConsentKit's tables to <paramref name="modelBuilder"/>. Call it from your own context's
    /// <c>OnModelCreating</c> to keep the records in your database and your migrations; then register the store with
    /// <c>AddEntityFrameworkCoreStore&lt;TContext&gt;()</c>.
    /// </summary>
    /// <param name="modelBuilder">The model builder.</param>
    /// <param name="includeDataProtectionKeys">Also map the Data Protection key table (your context then implements <see cref="IDataProtectionKeyContext"/>).</param>
    /// <returns>The model builder, for chaining.</returns>
    public static ModelBuilder MapConsentKitStore(this ModelBuilder modelBuilder, bool includeDataProtectionKeys = false)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<ProofRecordRow>(b =>
        {
            b.ToTable(RecordsTable);
            b.HasKey(r => r.Id);
            b.Property(r => r.ReceiptId).HasMaxLength(32).IsRequired();
            b.Property(r => r.RecordedAt).HasConversion(Utc);
            b.Property(r => r.Source).HasMaxLength(16).IsRequired();
            b.Property(r => r.Action).HasMaxLength(24).IsRequired();
            b.Property(r => r.NoticeSha256).HasMaxLength(64).IsRequired();
            b.Property(r => r.Language).HasMaxLength(8).IsRequired();
            b.Property(r => r.Controller).HasMaxLength(200).IsRequired();
            b.Property(r => r.Digest).HasMaxLength(64).IsRequired();
            b.HasIndex(r => r.ReceiptId);
            b.HasIndex(r => r.RecordedAt);
            b.HasMany(r => r.Decisions).WithOne().HasForeignKey(d => d.RecordId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ProofDecisionRow>(b =>
        {
            b.ToTable(RecordDecisionsTable);
            b.HasKey(d => new { d.RecordId, d.ModuleId });
            b.Property(d => d.ModuleId).HasMaxLength(64).IsRequired();
            b.Property(d => d.Measure).HasMaxLength(16).IsRequired();
            b.Property(d => d.Status).HasMaxLength(16).IsRequired();
            b.Property(d => d.Fingerprint).HasMaxLength(64).IsRequired();
            b.Property(d => d.Recipient).HasMaxLength(200).IsRequired();
            b.Property(d => d.RecordedAt).HasConversion(Utc);
            b.HasIndex(d => new { d.ModuleId, d.RecordedAt });
        });
        modelBuilder.Entity<CurrentDecisionRow>(b =>
        {
            b.ToTable(CurrentDecisionsTable);
            b.HasKey(d => new { d.ReceiptId, d.ModuleId });
            b.Property(d => d.ReceiptId).HasMaxLength(32);
            b.Property(d => d.ModuleId).HasMaxLength(64);
            b.Property(d => d.Status).HasMaxLength(16).IsRequired();
            b.Property(d => d.Fingerprint).HasMaxLength(64).IsRequired();
            b.Property(d => d.DecidedAt).HasConversion(Utc);
            b.Property(d => d.Version).IsConcurrencyToken();
            b.HasIndex(d => d.DecidedAt);
        });
        if (includeDataProtectionKeys)
        {
            modelBuilder.Entity<DataProtectionKey>().ToTable(DataProtectionKeysTable);
        }

        return modelBuilder;
    }
}
