using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ConsentKit.EntityFrameworkCore;

// Used only by `dotnet ef migrations add` (see docs/en/scale-out.md); never at run time. No connection is opened.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteConsentKitDbContext>
{
    public SqliteConsentKitDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteConsentKitDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlConsentKitDbContext>
{
    public PostgreSqlConsentKitDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlConsentKitDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
