namespace ConsentKit.EntityFrameworkCore;

/// <summary>The database behind the consent store.</summary>
public enum ConsentStoreProvider
{
    /// <summary>Not chosen: startup fails and names the setting.</summary>
    None = 0,

    /// <summary>SQLite: one file, one server. The default of the samples.</summary>
    Sqlite = 1,

    /// <summary>PostgreSQL: the target for several instances.</summary>
    PostgreSQL = 2,
}

/// <summary>Settings of the consent store, bound from <c>ConsentKit:Store</c> (names in <see cref="ConsentStoreFields"/>).</summary>
public sealed class ConsentStoreOptions
{
    /// <summary>The database. Configuration: <c>ConsentKit:Store:Provider</c> (<c>Sqlite</c> or <c>PostgreSQL</c>).</summary>
    public ConsentStoreProvider Provider { get; set; }

    /// <summary>The connection string. Configuration: <c>ConsentKit:Store:ConnectionString</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Keep the Data Protection key ring in the store, so every instance reads and writes the same keys. Default on.</summary>
    public bool DataProtectionKeys { get; set; } = true;

    /// <summary>Apply the shipped migrations at startup (creates the schema in an empty database). Default off.</summary>
    public bool MigrateAtStartup { get; set; }

    /// <summary>Open one connection at startup, so a wrong connection string stops the site instead of the first choice. Default on.</summary>
    public bool VerifyAtStartup { get; set; } = true;

    /// <summary>How long proof records are kept. Default 3 years (1095 days); records older than this are purged.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(1095);

    /// <summary>How often the retention service looks for old records. Default every 6 hours.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Records kept in memory while the database is unreachable, then retried. Default 10,000; beyond it the oldest is dropped and logged.</summary>
    public int RetryQueueCapacity { get; set; } = 10_000;

    /// <summary>Wait between retries of queued records. Default 5 seconds.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Two decisions on the same module closer than this count as concurrent: a refusal then wins over a grant even
    /// if the grant is a little newer. Default 2 seconds.
    /// </summary>
    public TimeSpan ConcurrencyWindow { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The Data Protection application name, set when not empty. Every instance of one site must use the same name
    /// (the default is the content root path, which differs between servers). Configuration: <c>ConsentKit:Store:ApplicationName</c>.
    /// </summary>
    public string? ApplicationName { get; set; }

    /// <summary>The provider name exactly as configured, for the startup error.</summary>
    internal string? ConfiguredProvider { get; set; }
}

/// <summary>Configuration keys of the consent store: one table, used by the reader, the messages and the docs.</summary>
public static class ConsentStoreFields
{
    /// <summary>The section.</summary>
    public const string Section = "ConsentKit:Store";

    /// <summary><c>ConsentKit:Store:Provider</c>.</summary>
    public const string Provider = Section + ":Provider";

    /// <summary><c>ConsentKit:Store:ConnectionString</c>.</summary>
    public const string ConnectionString = Section + ":ConnectionString";

    /// <summary><c>ConsentKit:Store:DataProtectionKeys</c>.</summary>
    public const string DataProtectionKeys = Section + ":DataProtectionKeys";

    /// <summary><c>ConsentKit:Store:MigrateAtStartup</c>.</summary>
    public const string MigrateAtStartup = Section + ":MigrateAtStartup";

    /// <summary><c>ConsentKit:Store:Retention</c> (a <see cref="TimeSpan"/>, for example <c>1095.00:00:00</c>).</summary>
    public const string Retention = Section + ":Retention";
}
