using System.Collections.Concurrent;

namespace Eventfold.Sqlite.Tests;

public sealed class PipelineTests
{
    // The store reads its log a page at a time (64 rows here); what is measured is what the subscription has
    // handed to the pipeline and the handlers have not finished.
    [Fact]
    public async Task A_slow_pipeline_over_a_large_sqlite_log_reads_no_further_ahead_than_capacity_plus_workers()
    {
        const int capacity = 8, workers = 2, events = 3000;
        using var db = new TempDatabase();
        await using var store = new SqliteEventStore(db.Path, TestEvents.Options(readPageSize: 64));
        for (int i = 0; i < events; i += 100)
        {
            await store.AppendAsync($"order-{i / 100 % 5}", ExpectedVersion.Any, Enumerable.Range(i, 100).Select(j => TestEvents.Added($"o-{j}", j)).ToArray());
        }

        long yielded = 0, handled = 0, maxAhead = 0;
        var counting = new CountingSubscriptionStore(store, () => Interlocked.Increment(ref yielded));
        var perStream = new ConcurrentDictionary<string, List<long>>();
        var pipeline = new SubscriptionPipeline(counting, "sqlite-slow", async (e, _) =>
        {
            long ahead = Interlocked.Read(ref yielded) - Interlocked.Read(ref handled);
            if (ahead > Interlocked.Read(ref maxAhead))
            {
                Interlocked.Exchange(ref maxAhead, ahead);
            }

            perStream.GetOrAdd(e.Stream, _ => []).Add(e.Version);
            if (e.Version % 100 == 0)
            {
                await Task.Delay(2);
            }

            Interlocked.Increment(ref handled);
        }, options: new SubscriptionPipelineOptions { Capacity = capacity, Workers = workers });

        await pipeline.CatchUpAsync();

        Assert.Equal(events, handled);
        Assert.InRange(Interlocked.Read(ref maxAhead), 2, capacity + workers);
        Assert.All(perStream.Values, v => Assert.Equal(Enumerable.Range(0, v.Count).Select(x => (long)x), v));
        Assert.Equal(GlobalPosition.FromSequence(events), await store.GetCheckpointAsync("sqlite-slow"));
    }

    /// <summary>Counts the events a subscription hands out; everything else goes straight to the store.</summary>
    private sealed class CountingSubscriptionStore(IEventStore inner, Action onEvent) : Eventfold.StoreConformance.DelegatingEventStore(inner)
    {
        public override async IAsyncEnumerable<SubscriptionMessage> SubscribeToAllAsync(GlobalPosition? after, SubscriptionOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
        {
            await foreach (var m in Inner.SubscribeToAllAsync(after, options, ct).WithCancellation(ct))
            {
                if (m is RecordedEvent)
                {
                    onEvent();
                }

                yield return m;
            }
        }
    }
}
