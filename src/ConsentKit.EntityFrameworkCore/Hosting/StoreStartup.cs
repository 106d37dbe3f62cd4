using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsentKit.EntityFrameworkCore;

/// <summary>
/// At startup, before the first request: applies the migrations when the site asks for it, and opens one connection so
/// that a wrong or unreachable database stops the site with a message that names the setting.
/// </summary>
internal sealed class StoreStartup(StoreContextFactory contexts, IOptions<ConsentStoreOptions> options, ILogger<StoreStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.MigrateAtStartup && !o.VerifyAtStartup)
        {
            return;
        }

        await using var lease = contexts.Create();
        var database = lease.Context.Database;
        try
        {
            if (o.MigrateAtStartup)
            {
                await database.MigrateAsync(cancellationToken);
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
