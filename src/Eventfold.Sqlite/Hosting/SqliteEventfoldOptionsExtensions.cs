using Eventfold.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

// In Eventfold's namespace, beside UseStore and UseInMemory, so o.UseSqlite(...) needs no extra using.
namespace Eventfold;

public static class SqliteEventfoldOptionsExtensions
{
    /// <summary>Stores events in the SQLite file at <paramref name="path"/>, created with its schema on first use.</summary>
    public static EventfoldOptions UseSqlite(this EventfoldOptions options, string path, SqliteEventStoreOptions? storeOptions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return options.Offer("Sqlite", _ => new SqliteEventStore(path, storeOptions));
    }

    /// <summary>
    /// Stores events in SQLite with the options <c>IOptions&lt;SqliteEventStoreOptions&gt;</c>: bound from
    /// <c>Eventfold:Sqlite</c> (<c>Path</c>, required, and the store's settings) when <c>AddEventfold</c> got a
    /// configuration, changed by the application's <c>Configure&lt;SqliteEventStoreOptions&gt;</c>, and validated
    /// when the host starts. The store logs to the container's <see cref="ILoggerFactory"/> unless the options name one.
    /// With <c>Eventfold:Store</c> set, this only offers the store as <c>Sqlite</c>.
    /// </summary>
    public static EventfoldOptions UseSqlite(this EventfoldOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (section, path) = options.StoreSection("Sqlite");
        return options.Offer(
            "Sqlite",
            sp =>
            {
                var configured = sp.GetRequiredService<IOptions<SqliteEventStoreOptions>>().Value;
                configured.LoggerFactory ??= sp.GetService<ILoggerFactory>();
                return new SqliteEventStore(configured.Path!, configured);
            },
            services => ConfiguredOptions.Register<SqliteEventStoreOptions>(services, Options.DefaultName, path, section, baseline: null, Bind, Check));
    }

    private static void Bind(ConfigurationReader r, SqliteEventStoreOptions o)
    {
        if (r.String(nameof(o.Path)) is { } file)
        {
            o.Path = file;
        }

        OptionsBinding.Bind(r, (EventStoreOptions)o);
        r.TimeSpan(nameof(o.PollInterval), v => o.PollInterval = v);
        r.Enum<SqliteSynchronousMode>(nameof(o.Synchronous), v => o.Synchronous = v);
        r.TimeSpan(nameof(o.BusyTimeout), v => o.BusyTimeout = v);
        r.Int(nameof(o.ReadPageSize), v => o.ReadPageSize = v);
        r.Int(nameof(o.MaxIdleReadConnections), v => o.MaxIdleReadConnections = v);
        r.Int(nameof(o.MaxReadConnections), v => o.MaxReadConnections = v);
    }

    private static void Check(OptionsChecks c, SqliteEventStoreOptions o)
    {
        c.Required(nameof(o.Path), o.Path);
        OptionsBinding.Check(c, (EventStoreOptions)o);
        if (o.PollInterval != Timeout.InfiniteTimeSpan && o.PollInterval <= TimeSpan.Zero)
        {
            c.Fail(nameof(o.PollInterval), $"must be a positive duration, or -00:00:00.001 to turn polling off (it is {o.PollInterval}).");
        }

        c.NotNegative(nameof(o.BusyTimeout), o.BusyTimeout);
        c.AtLeast(nameof(o.ReadPageSize), o.ReadPageSize, 1);
        c.AtLeast(nameof(o.MaxIdleReadConnections), o.MaxIdleReadConnections, 0);
        c.AtLeast(nameof(o.MaxReadConnections), o.MaxReadConnections, 1);
    }
}
