using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ConsentKit.EntityFrameworkCore;

/// <summary>
/// ConsentKit's own context: proof records, current decisions and the Data Protection key ring. Each provider has its
/// own subclass so that its migrations stay apart (<c>Migrations/Sqlite</c>, <c>Migrations/PostgreSql</c>).
/// </summary>
public abstract class ConsentKitDbContext : DbContext, IDataProtectionKeyContext
{
    /// <summary>Creates the context.</summary>
    /// <param name="options">The options, built for one provider.</param>
    protected ConsentKitDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>The Data Protection key ring, shared by every instance that uses this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.MapConsentKitStore(includeDataProtectionKeys: true);
}

/// <summary>ConsentKit's context on SQLite.</summary>
internal sealed class SqliteConsentKitDbContext(DbContextOptions<SqliteConsentKitDbContext> options) : ConsentKitDbContext(options);

/// <summary>ConsentKit's context on PostgreSQL.</summary>
internal sealed class PostgreSqlConsentKitDbContext(DbContextOptions<PostgreSqlConsentKitDbContext> options) : ConsentKitDbContext(options);
