namespace Eventfold.StoreConformance;

/// <summary>A snapshotted aggregate the suite saves and loads on every store: a field, a settable property and a collection.</summary>
[Aggregate("cftally", SnapshotEvery = 5)]
public sealed partial class Tally
{
    private int _added;

    public int Quantity { get; private set; }

    public List<string> Skus { get; } = [];

    public void Add(string sku, int quantity) => Raise(new ItemAdded(sku, quantity));

    public void Remove(string sku) => Raise(new ItemRemoved(sku));

    /// <summary>Every member of the state, so two instances compare as one string.</summary>
    public string Describe() => $"v{Version} added{_added} q{Quantity} skus[{string.Join(",", Skus)}]";

    private void Apply(ItemAdded e)
    {
        _added++;
        Quantity += e.Quantity;
        Skus.Add(e.Sku);
    }

    private void Apply(ItemRemoved e) => Skus.Remove(e.Sku);
}

/// <summary>Records where each forwards read of a stream starts, to tell a load from a snapshot from a full replay.</summary>
public sealed class StreamReadRecorder(IEventStore inner) : DelegatingEventStore(inner)
{
    public List<long?> FromVersions { get; } = [];

    public override IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, StreamReadOptions options = default, CancellationToken ct = default)
    {
        if (options.Direction == ReadDirection.Forwards && options.MaxCount is null)
        {
            lock (FromVersions)
            {
                FromVersions.Add(options.FromVersion);
            }
        }

        return base.ReadStreamAsync(stream, options, ct);
    }
}
