using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ConsentKit.EntityFrameworkCore.Tests;

/// <summary>The shipped migrations: from an empty database, and from the previous version with data in it.</summary>
public abstract class MigrationTests(ConsentStoreProvider provider)
{
    private static ConsentKitDbContext Context(TestDatabase db) => db.Provider == ConsentStoreProvider.Sqlite
        ? new SqliteConsentKitDbContext(Options<SqliteConsentKitDbContext>(db))
        : new PostgreSqlConsentKitDbContext(Options<PostgreSqlConsentKitDbContext>(db));

    private static DbContextOptions<T> Options<T>(TestDatabase db)
        where T : DbContext
    {
        var builder = new DbContextOptionsBuilder<T>();
        db.Configure(builder);
        return builder.Options;
    }

    [Fact]
    public async Task MigrationsApplyToAnEmptyDatabaseAndMatchTheModel()
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var context = Context(db);

        context.Database.GetMigrations().Should().HaveCount(2);
        await context.Database.MigrateAsync();

        (await context.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
        context.Database.HasPendingModelChanges().Should().BeFalse("every change to the model ships with a migration for both providers");
        (await context.Set<CurrentDecisionRow>().CountAsync()).Should().Be(0);
        (await context.DataProtectionKeys.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task MigrationsApplyToTheSchemaOfThePreviousVersionAndKeepItsRecords()
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using (var previous = Context(db))
        {
            var first = previous.Database.GetMigrations().First();
            first.Should().EndWith("_Initial");
            await previous.GetService<IMigrator>().MigrateAsync(first);
            (await previous.Database.GetAppliedMigrationsAsync()).Should().ContainSingle();
            previous.Add(RecordRows.ToRow(Guid.NewGuid(), Records.Of("a1", ConsentAction.Grant, TransmissionStatus.Allowed, DateTimeOffset.UtcNow)));
            await previous.SaveChangesAsync();
        }

        await using var context = Context(db);
        await context.Database.MigrateAsync();

        (await context.Database.GetAppliedMigrationsAsync()).Should().HaveCount(2);
        var kept = await context.Set<ProofRecordRow>().Include(r => r.Decisions).SingleAsync();
        RecordDigest.Verify(kept).Should().BeTrue("the record written under the previous schema survives unchanged");
        context.Add(new CurrentDecisionRow { ReceiptId = "a1", ModuleId = "analytics", Status = "Allowed", Fingerprint = "f1", DecidedAt = DateTime.UtcNow, Version = 1 });
        await context.SaveChangesAsync();
    }
}

public sealed class SqliteMigrationTests() : MigrationTests(ConsentStoreProvider.Sqlite);

public sealed class PostgresMigrationTests() : MigrationTests(ConsentStoreProvider.PostgreSQL);
