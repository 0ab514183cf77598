using System.Diagnostics;

namespace Eventfold.Tests.Dispatching;

public sealed class ThrottleTests
{
    [Fact]
    public async Task PerSecond_holds_the_rate_within_generous_bounds()
    {
        const int perSecond = 200;
        int handled = 0;
        var notifier = new TestNotifier(
            new DispatcherOptions { Capacity = 2000, Workers = 2, PerSecond = perSecond },
            (_, _) => { Interlocked.Increment(ref handled); return default; });
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < 2000; i++)
        {
            await notifier.EnqueueAsync(new Ping(i));
        }

        var samples = new List<(double Seconds, int Handled)>();
        for (int i = 0; i < 6; i++)
        {
            await Task.Delay(250);
            samples.Add((clock.Elapsed.TotalSeconds, Volatile.Read(ref handled)));
        }

        foreach (var (seconds, count) in samples)
        {
            // At most the first tenth-second burst plus one refill per tick elapsed (and one of timer slack);
            // at least a third of the rate, however loaded the machine.
            double most = (perSecond / 10.0) + (perSecond * seconds) + (perSecond / 10.0);
            Assert.InRange(count, perSecond * (seconds - 0.1) / 3, most);
        }

        Assert.True(notifier.Stats.Depth > 0, "the queue outlasted the measurement, so the limit was what held it");
        await notifier.StopAsync(new CancellationToken(canceled: true));
    }
}
