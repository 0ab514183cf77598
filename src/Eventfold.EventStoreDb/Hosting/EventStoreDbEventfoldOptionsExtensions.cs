using Eventfold.EventStoreDb;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Eventfold;

/// <summary><c>services.AddEventfold(o =&gt; o.UseEventStoreDb(connectionString))</c>.</summary>
public static class EventStoreDbEventfoldOptionsExtensions
{
    /// <summary>Keeps events in the EventStoreDB server or cluster named by <paramref name="connectionString"/>.</summary>
    /// <exception cref="InvalidConnectionStringException">The connection string cannot be read (thrown here, at registration).</exception>
    public static EventfoldOptions UseEventStoreDb(this EventfoldOptions options, string connectionString, EventStoreOptions? storeOptions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = ConnectionString.Parse(connectionString);
        return options.Offer("EventStoreDb", _ => new EventStoreDbEventStore(settings, storeOptions));
    }

    /// <summary>
    /// Keeps events in EventStoreDB with the options <c>IOptions&lt;EventStoreDbEventStoreOptions&gt;</c>: bound from
    /// <c>Eventfold:EventStoreDb</c> (<c>ConnectionString</c>, required, and <c>MaxEventSizeBytes</c>) when
    /// <c>AddEventfold</c> got a configuration, changed by the application's <c>Configure</c>, and validated when the
    /// host starts (a connection string that cannot be read fails the start, its password never shown). The store logs
    /// to the container's <see cref="ILoggerFactory"/> unless the options name one. With <c>Eventfold:Store</c> set,
    /// this only offers the store as <c>EventStoreDb</c>.
    /// </summary>
    public static EventfoldOptions UseEventStoreDb(this EventfoldOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (section, path) = options.StoreSection("EventStoreDb");
        return options.Offer(
            "EventStoreDb",
            sp =>
            {
                var configured = sp.GetRequiredService<IOptions<EventStoreDbEventStoreOptions>>().Value;
                configured.LoggerFactory ??= sp.GetService<ILoggerFactory>();
                return new EventStoreDbEventStore(ConnectionString.Parse(configured.ConnectionString!), configured);
            },
            services => ConfiguredOptions.Register<EventStoreDbEventStoreOptions>(services, Options.DefaultName, path, section, baseline: null, Bind, Check));
    }

    private static void Bind(ConfigurationReader r, EventStoreDbEventStoreOptions o)
    {
        if (r.String(nameof(o.ConnectionString)) is { } connectionString)
        {
            o.ConnectionString = connectionString;
        }

        OptionsBinding.Bind(r, (EventStoreOptions)o);
    }

    private static void Check(OptionsChecks c, EventStoreDbEventStoreOptions o)
    {
        c.Required(nameof(o.ConnectionString), o.ConnectionString);
        if (!string.IsNullOrWhiteSpace(o.ConnectionString))
        {
            try
            {
                ConnectionString.Parse(o.ConnectionString);
            }
            catch (InvalidConnectionStringException e)
            {
                // The exception's message shows the connection string with its password replaced.
                c.Fail(nameof(o.ConnectionString), $"cannot be read: {e.Message}");
            }
        }

        OptionsBinding.Check(c, (EventStoreOptions)o);
    }
}
