using Eventfold.EventStoreDb;

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
        return options.UseStore(_ => new EventStoreDbEventStore(settings, storeOptions));
    }
}
