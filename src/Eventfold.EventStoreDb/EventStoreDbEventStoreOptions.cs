namespace Eventfold.EventStoreDb;

/// <summary>
/// The settings of an <see cref="EventStoreDbEventStore"/> made from configuration (<c>o.UseEventStoreDb()</c>,
/// section <c>Eventfold:EventStoreDb</c>): the connection string beside the settings every store shares.
/// </summary>
public sealed class EventStoreDbEventStoreOptions : EventStoreOptions
{
    /// <summary><c>esdb://host:2113?tls=false</c> and the like; its options (TLS, credentials, node preference, timeouts) are the server connection's.</summary>
    public string? ConnectionString { get; set; }
}
