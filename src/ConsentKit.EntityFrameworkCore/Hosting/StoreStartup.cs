using System.Data.Common;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsentKit.EntityFrameworkCore;

/// <summary>
/// At startup, before the first request: applies the migrations when the site asks for it, and opens one connection so
/// that a wrong or unreachable database stops the site with a message that names the setting.
/// </summary>
internal sealed class StoreStartup(
    StoreContextFactory contexts,
    IOptions<ConsentStoreOptions> options,
    IServiceProvider services,
    ILogger<StoreStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (o.MigrateAtStartup || o.VerifyAtStartup)
        {
            await ReachDatabaseAsync(o, cancellationToken);
        }

        if (o.DataProtectionKeys && services.GetService<IDataProtectionProvider>() is { } dataProtection)
        {
            // Loads (or creates) the shared key ring now: Data Protection caches it and keeps using the cached ring
            // if a later refresh fails, so a database outage after startup does not stop record cookies being written.
            dataProtection.CreateProtector("ConsentKit.EntityFrameworkCore.Startup").Protect([1]);
        }
    }

    private async Task ReachDatabaseAsync(ConsentStoreOptions o, CancellationToken cancellationToken)
    {
        await using var lease = contexts.Create();
        var database = lease.Context.Database;
        try
        {
            if (o.MigrateAtStartup)
            {
                try
                {
                    await database.MigrateAsync(cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException && ex.GetType().Name is "PostgresException" or "SqliteException" or "DbUpdateException")
                {
                    // Another instance may have migrated the same database at the same moment (a table it created
                    // "already exists"): once it is done, migrating again finds nothing left to apply.
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                    await database.MigrateAsync(cancellationToken);
                }

                Log.Migrated(logger, database.ProviderName ?? "?");
            }
            else
            {
                await database.OpenConnectionAsync(cancellationToken);
                await database.CloseConnectionAsync();
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new InvalidOperationException(
                $"ConsentKit: the consent store cannot reach its database ({database.ProviderName}, {Describe(database.GetConnectionString())}). " +
                $"Check {ConsentStoreFields.ConnectionString} (or the connection given to AddEntityFrameworkCoreStore). " +
                $"同意記録の保存先データベースに接続できません。{ConsentStoreFields.ConnectionString} を確認してください。 Cause: {ex.GetBaseException().Message}",
                ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Where the connection points, without user names or passwords.</summary>
    internal static string Describe(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return "no connection string";
        }

        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        string[] shown = ["Data Source", "DataSource", "Host", "Server", "Port", "Database"];
        var parts = shown.Where(builder.ContainsKey).Select(k => $"{k}={builder[k]}");
        return string.Join(";", parts);
    }
}
