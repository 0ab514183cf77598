using System.Runtime.CompilerServices;
using Eventfold.StoreConformance;

namespace Eventfold.Tests.Pipeline;

/// <summary>Counts the events a subscription has handed out, to measure how far reading runs ahead of handling.</summary>
public sealed class CountingStore(IEventStore inner) : DelegatingEventStore(inner)
{
    private long _yielded;

    public long Yielded => Interlocked.Read(ref _yielded);

    public override async IAsyncEnumerable<SubscriptionMessage> SubscribeToAllAsync(GlobalPosition? after, SubscriptionOptions? options = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var m in Inner.SubscribeToAllAsync(after, options, ct).WithCancellation(ct))
        {
            if (m is RecordedEvent)
            {
                Interlocked.Increment(ref _yielded);
            }

            yield return m;
        }
    }
}

/// <summary>Checkpoints that stop being saved after a number of saves: a process that died with handled events not yet checkpointed.</summary>
public sealed class CrashingCheckpoints(ICheckpointStore inner, int savesBeforeCrash) : ICheckpointStore
{
    private int _saves;

    public List<GlobalPosition> Saved { get; } = [];

    public Task<GlobalPosition?> GetCheckpointAsync(string consumer, CancellationToken ct = default) => inner.GetCheckpointAsync(consumer, ct);

    public async Task SetCheckpointAsync(string consumer, GlobalPosition position, CancellationToken ct = default)
    {
        if (Interlocked.Increment(ref _saves) <= savesBeforeCrash)
        {
            await inner.SetCheckpointAsync(consumer, position, ct);
            lock (Saved)
            {
                Saved.Add(position);
            }
        }
    }

    public Task DeleteCheckpointAsync(string consumer, CancellationToken ct = default) => inner.DeleteCheckpointAsync(consumer, ct);
}

public static class PipelineStores
{
    public static InMemoryEventStore NewStore() =>
        new(new EventStoreOptions { Serializer = new EventSerializer(ConformanceRegistry.Create()) });

    /// <summary>Appends <paramref name="count"/> events round-robin over <paramref name="streams"/> streams; returns them in log order as (stream, version).</summary>
    public static async Task<List<(string Stream, long Version)>> FillAsync(IEventStore store, int count, int streams, int batch = 50)
    {
        var log = new List<(string, long)>();
        var versions = new long[streams];
        Array.Fill(versions, -1);
        for (int i = 0; i < count; i += batch)
        {
            int s = (i / batch) % streams;
            int n = Math.Min(batch, count - i);
            var events = Enumerable.Range(i, n).Select(j => (object)new ItemAdded($"sku-{j}", j)).ToArray();
            await store.AppendAsync($"cart-{s}", versions[s] < 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(versions[s]), events);
            for (int j = 0; j < n; j++)
            {
                log.Add(($"cart-{s}", ++versions[s]));
            }
        }

        return log;
    }
}
