using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ConsentKit.EntityFrameworkCore;

/// <summary>Builds ConsentKit's own pooled contexts, of the subclass whose migrations match the provider.</summary>
internal static class OwnContexts
{
    public static OwnContextFactory Create(IServiceProvider services, Action<DbContextOptionsBuilder>? configure)
    {
        if (configure is not null)
        {
            var probe = new DbContextOptionsBuilder();
            configure(probe);
            var provider = ProviderOf(probe.Options);
            return provider switch
            {
                ConsentStoreProvider.Sqlite => Pooled<SqliteConsentKitDbContext>(configure),
                ConsentStoreProvider.PostgreSQL => Pooled<PostgreSqlConsentKitDbContext>(configure),
                _ => throw new InvalidOperationException("AddEntityFrameworkCoreStore: the DbContextOptionsBuilder must call UseSqlite or UseNpgsql; ConsentKit ships migrations for those two only."),
            };
        }

        var options = services.GetRequiredService<IOptions<ConsentStoreOptions>>().Value;
        var connection = options.ConnectionString!;
        return options.Provider switch
        {
            ConsentStoreProvider.Sqlite => Pooled<SqliteConsentKitDbContext>(b => b.UseSqlite(SqliteInContentRoot(connection, services.GetService<IHostEnvironment>()))),
            ConsentStoreProvider.PostgreSQL => Pooled<PostgreSqlConsentKitDbContext>(b => b.UseNpgsql(connection)),
            _ => throw new InvalidOperationException($"{ConsentStoreFields.Provider}: valid values are Sqlite, PostgreSQL."),
        };
    }

    /// <summary>A relative SQLite file is under the content root, whatever the working directory; its folder is created.</summary>
    internal static string SqliteInContentRoot(string connectionString, IHostEnvironment? environment)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var file = builder.DataSource;
        if (file.Length == 0 || file == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            return connectionString;
        }

        if (!Path.IsPathRooted(file) && environment is { ContentRootPath.Length: > 0 })
        {
            file = Path.Combine(environment.ContentRootPath, file);
        }

        if (Path.GetDirectoryName(Path.GetFullPath(file)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        builder.DataSource = file;
        return builder.ToString();
    }

    private static ConsentStoreProvider ProviderOf(DbContextOptions options)
    {
        foreach (var extension in options.Extensions)
        {
            var name = extension.GetType().Name;
            if (name.StartsWith("Sqlite", StringComparison.Ordinal))
            {
                return ConsentStoreProvider.Sqlite;
            }

            if (name.StartsWith("Npgsql", StringComparison.Ordinal))
            {
                return ConsentStoreProvider.PostgreSQL;
            }
        }

        return ConsentStoreProvider.None;
    }

    private static OwnContextFactory Pooled<TContext>(Action<DbContextOptionsBuilder> configure)
        where TContext : ConsentKitDbContext
    {
        var builder = new DbContextOptionsBuilder<TContext>();
        configure(builder);
        var pool = new PooledDbContextFactory<TContext>(builder.Options);
        return new OwnContextFactory(pool.CreateDbContext);
    }
}
