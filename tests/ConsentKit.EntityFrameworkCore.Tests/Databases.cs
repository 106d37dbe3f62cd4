using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ConsentKit.EntityFrameworkCore.Tests;

/// <summary>A throwaway database, created for one test and dropped after it.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public abstract ConsentStoreProvider Provider { get; }

    public abstract string ConnectionString { get; }

    public abstract void Configure(DbContextOptionsBuilder builder);

    public abstract ValueTask DisposeAsync();

    public static async Task<TestDatabase> CreateAsync(ConsentStoreProvider provider) => provider switch
    {
        ConsentStoreProvider.Sqlite => new SqliteTestDatabase(),
        ConsentStoreProvider.PostgreSQL => await PostgresTestDatabase.CreateAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };
}

internal sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"consentkit-test-{Guid.NewGuid():N}.db");

    public override ConsentStoreProvider Provider => ConsentStoreProvider.Sqlite;

    public override string ConnectionString => $"Data Source={_file}";

    public override void Configure(DbContextOptionsBuilder builder) => builder.UseSqlite(ConnectionString);

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(f);
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// A database on the local PostgreSQL server that ./test.sh installs and starts. The server is required: when it
/// cannot be reached these tests fail with the reason, they are never skipped.
/// </summary>
internal sealed class PostgresTestDatabase : TestDatabase
{
    /// <summary>The server; override with CONSENTKIT_TEST_POSTGRES.</summary>
    public static readonly string Server = Environment.GetEnvironmentVariable("CONSENTKIT_TEST_POSTGRES")
        ?? "Host=127.0.0.1;Port=5432;Username=consentkit;Password=consentkit;Database=postgres";

    private readonly string _name;

    private PostgresTestDatabase(string name, string connectionString)
    {
        _name = name;
        ConnectionString = connectionString;
    }

    public override ConsentStoreProvider Provider => ConsentStoreProvider.PostgreSQL;

    public override string ConnectionString { get; }

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var name = $"ck_test_{Guid.NewGuid():N}";
        try
        {
            await using var connection = new NpgsqlConnection(Server);
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException(
                $"PostgreSQL is required for these tests and could not be reached ({ex.GetBaseException().Message}). Run ./test.sh, which installs and starts it, or set CONSENTKIT_TEST_POSTGRES.", ex);
        }

        var builder = new NpgsqlConnectionStringBuilder(Server) { Database = name };
        return new PostgresTestDatabase(name, builder.ConnectionString);
    }

    public override void Configure(DbContextOptionsBuilder builder) => builder.UseNpgsql(ConnectionString);

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
