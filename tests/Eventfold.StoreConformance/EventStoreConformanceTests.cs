using Microsoft.Extensions.Time.Testing;

namespace Eventfold.StoreConformance;

/// <summary>
/// The behaviour every <see cref="IEventStore"/> must have. Each store derives this class once and
/// supplies <see cref="CreateStoreAsync"/>. Tests use streams unique to each run, and read the global
/// log only through a stream-prefix filter, so the suite also runs against a shared server.
/// Tests are skippable: a store whose server is absent calls <c>Skip.If</c> in
/// <see cref="CreateStoreAsync"/>, and every test reports as skipped with that reason.
/// </summary>
public abstract partial class EventStoreConformanceTests : IAsyncLifetime
{
    protected const int SizeLimit = 64 * 1024;

    private IEventStore? _store;

    protected EventStoreConformanceTests()
    {
        Prefix = $"cf{Guid.NewGuid():N}"[..14];
        Options = new EventStoreOptions
        {
            Serializer = new EventSerializer(ConformanceRegistry.Create()),
            MaxEventSizeBytes = SizeLimit,
            TimeProvider = Clock,
        };
    }

    /// <summary>A prefix unique to this test, for its stream names.</summary>
    protected string Prefix { get; }

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    protected EventStoreOptions Options { get; }

    protected IEventStore Store => _store ?? throw new InvalidOperationException("Store not created yet.");

    /// <summary>Whether the store stamps events with <see cref="EventStoreOptions.TimeProvider"/> (a server uses its own clock).</summary>
    protected virtual bool UsesInjectedClock => true;

    /// <summary>A new store (or a client of a shared server) using <paramref name="options"/>.</summary>
    protected abstract Task<IEventStore> CreateStoreAsync(EventStoreOptions options);

    public async Task InitializeAsync() => _store = await CreateStoreAsync(Options);

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    protected string NewStream(string category = "cart") => $"{Prefix}{category}-{Guid.NewGuid():N}";

    protected EventFilter OwnStreams => EventFilter.ForStreamPrefixes(Prefix);

    /// <summary>A subscription to this test's own streams.</summary>
    protected SubscriptionOptions Own => SubscriptionOptions.For(OwnStreams);

    /// <summary>The first <paramref name="count"/> events a subscription yields, leaving out its other messages.</summary>
    protected static Task<List<RecordedEvent>> TakeEvents(IAsyncEnumerable<SubscriptionMessage> messages, int count, TimeSpan? timeout = null) =>
        Take(messages.OfType<RecordedEvent>(), count, timeout);

    /// <summary>Messages of a subscription until <paramref name="last"/> says stop (inclusive).</summary>
    protected static async Task<List<SubscriptionMessage>> TakeUntil(
        IAsyncEnumerable<SubscriptionMessage> messages, Func<SubscriptionMessage, bool> last, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        var taken = new List<SubscriptionMessage>();
        await foreach (var message in messages.WithCancellation(cts.Token))
        {
            taken.Add(message);
            if (last(message))
            {
                break;
            }
        }

        return taken;
    }

    protected static async Task<List<RecordedEvent>> Take(IAsyncEnumerable<RecordedEvent> events, int count, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        var taken = new List<RecordedEvent>();
        await foreach (var e in events.WithCancellation(cts.Token))
        {
            taken.Add(e);
            if (taken.Count == count)
            {
                break;
            }
        }

        return taken;
    }

    protected static EventData[] Items(int count, int start = 0) =>
        Enumerable.Range(start, count).Select(i => EventData.From(new ItemAdded($"sku-{i}", i))).ToArray();
}
