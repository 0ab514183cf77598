namespace Eventfold.Tests.Dispatching;

/// <summary>The bench of idle workers: one waits on the queue, the rest sit, and nobody is left sitting while the queue has no waiter.</summary>
public sealed class WorkerBenchTests
{
    [Fact]
    public void One_worker_at_a_time_waits_on_the_queue()
    {
        var bench = new WorkerBench();

        Assert.True(bench.TryWaitOnQueue());
        Assert.False(bench.TryWaitOnQueue());
        bench.LeftQueue();
        Assert.True(bench.TryWaitOnQueue());
    }

    [Fact]
    public void Leaving_the_queue_calls_up_one_seated_worker_the_last_to_sit()
    {
        var bench = new WorkerBench();
        Assert.True(bench.TryWaitOnQueue());
        var first = bench.SitAsync(new BenchSeat());
        var last = bench.SitAsync(new BenchSeat());
        Assert.False(first.IsCompleted || last.IsCompleted);

        bench.LeftQueue();

        Assert.True(last.IsCompleted);
        Assert.False(first.IsCompleted);
        Assert.True(bench.TryWaitOnQueue()); // the called-up worker takes the queue: `first` sits on
        bench.LeftQueue();
        Assert.True(first.IsCompleted);
    }

    [Fact]
    public void A_worker_that_sits_down_when_nobody_waits_on_the_queue_calls_itself_up()
    {
        // The queue's waiter left between this worker's failed TryWaitOnQueue and its sitting down.
        var bench = new WorkerBench();

        var sitting = bench.SitAsync(new BenchSeat());

        Assert.True(sitting.IsCompleted);
    }

    [Fact]
    public void WakeAll_calls_up_every_seated_worker()
    {
        var bench = new WorkerBench();
        Assert.True(bench.TryWaitOnQueue());
        var seats = Enumerable.Range(0, 3).Select(_ => bench.SitAsync(new BenchSeat())).ToArray();

        bench.WakeAll();

        Assert.All(seats, s => Assert.True(s.IsCompleted));
    }

    [Fact]
    public async Task A_seat_is_reused_without_allocating()
    {
        var bench = new WorkerBench();
        var seat = new BenchSeat();
        Assert.True(bench.TryWaitOnQueue());
        await SitAndCallUp(bench, seat, 10); // warm: the stack's array grown

        long before = GC.GetAllocatedBytesForCurrentThread();
        await SitAndCallUp(bench, seat, 1000);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static async ValueTask SitAndCallUp(WorkerBench bench, BenchSeat seat, int times)
    {
        for (int i = 0; i < times; i++)
        {
            var sitting = bench.SitAsync(seat);
            bench.WakeOne();
            Assert.True(sitting.IsCompleted);
            await sitting;
        }
    }
}
