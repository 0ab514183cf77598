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
            // At most the first tenth-second burst plus one refill per tick elapsed (and one of timer slack).
            double most = (perSecond / 10.0) + (perSecond * seconds) + (perSecond / 10.0);
            Assert.InRange(count, 0, most);
        }

        // And the limit lets messages through past its first burst: refills come, however loaded the machine
        // (a fixed rate floor here failed on a CI machine whose thread pool was busy with other tests).
        var deadline = Stopwatch.StartNew();
        while (Volatile.Read(ref handled) <= 2 * perSecond / 10 && deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(50);
        }

        Assert.True(Volatile.Read(ref handled) > 2 * perSecond / 10, $"only {handled} handled: the limit never refilled");

        Assert.True(notifier.Stats.Depth > 0, "the queue outlasted the measurement, so the limit was what held it");
        await notifier.StopAsync(new CancellationToken(canceled: true));
    }
}
