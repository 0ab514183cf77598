namespace Eventfold;

/// <summary>
/// What <c>AddEventfold</c> configures: which store to use. Store packages add their own
/// <c>UseX</c> extensions (<c>UseSqlite</c>, <c>UseEventStoreDb</c>) on top of <see cref="UseStore"/>.
/// </summary>
public sealed class EventfoldOptions
{
    internal Func<IServiceProvider, IEventStore>? StoreFactory { get; private set; }

    /// <summary>
    /// Whether the host runs the state publisher of every loaded <see cref="PublishesStateAttribute"/> aggregate
    /// (publishing, from the log, any state a save could not); true by default. A service that only reads others'
    /// published state through replicas may turn it off.
    /// </summary>
    public bool RunStatePublishers { get; set; } = true;

    /// <summary>How the state publishers read and checkpoint; null for the defaults.</summary>
    public StatePublisherOptions? StatePublisherOptions { get; set; }

    /// <summary>Uses the store made by <paramref name="factory"/>, once, for the whole application.</summary>
    public EventfoldOptions UseStore(Func<IServiceProvider, IEventStore> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        StoreFactory = factory;
        return this;
    }

    /// <summary>Keeps events in memory: for tests.</summary>
    public EventfoldOptions UseInMemory(EventStoreOptions? options = null) =>
        UseStore(_ => new InMemoryEventStore(options));
}
