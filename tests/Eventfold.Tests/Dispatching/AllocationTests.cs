namespace Eventfold.Tests.Dispatching;

[CollectionDefinition(nameof(AllocationTests), DisableParallelization = true)]
public sealed class AllocationCollection;

/// <summary>Run alone, so the process-wide allocation count measures only this dispatcher.</summary>
[Collection(nameof(AllocationTests))]
public sealed class AllocationTests
{
    [Fact]
    public async Task Queueing_and_handling_allocate_nothing_beyond_the_message_in_steady_state()
    {
        const int count = 50_000;
        var messages = Enumerable.Range(1, count).Select(i => new Ping(i)).ToArray();
        var gates = new[] { new Gate(), new Gate() };
        int handled = 0;
        var notifier = new TestNotifier(new DispatcherOptions { Capacity = count + 1, Workers = 1 }, (m, ct) =>
        {
            if (m.Id < 0)
            {
                return gates[-m.Id - 1].PassAsync(ct);
            }

            Interlocked.Increment(ref handled);
            return default;
        });

        // The first pass grows the queue's buffer to its size; the second is the steady state measured.
        long queueing = 0, handling = 0;
        for (int pass = 0; pass < 2; pass++)
        {
            var gate = gates[pass];
            notifier.TryEnqueue(new Ping(-(pass + 1)));
            await Eventually.True(() => gate.Waiting == 1, "worker held");

            long before = GC.GetAllocatedBytesForCurrentThread();
            foreach (var m in messages)
            {
                notifier.TryEnqueue(m);
            }

            queueing = GC.GetAllocatedBytesForCurrentThread() - before;

            long total = GC.GetTotalAllocatedBytes(precise: true);
            gate.Open();
            int target = (pass + 1) * count;
            while (Volatile.Read(ref handled) < target)
            {
                await Task.Delay(1);
            }

            handling = GC.GetTotalAllocatedBytes(precise: true) - total;
        }

        await notifier.DisposeAsync();

        Assert.Equal(0, queueing);
        Assert.True(handling < 64 * 1024, $"handling {count} messages allocated {handling} bytes (the test's own waiting included)");
    }
}
