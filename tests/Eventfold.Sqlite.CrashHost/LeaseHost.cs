namespace Eventfold.Sqlite.CrashHost;

/// <summary>
/// The "lease" mode: one of several processes running the counted-totals projection live, each under the
/// projection's lease kept in the shared read model. It reports its lease on standard output as it changes.
/// </summary>
internal static class LeaseHost
{
    public static async Task<int> RunAsync(string path, string readModelPath, string owner)
    {
        await using var store = new SqliteEventStore(path, new SqliteEventStoreOptions { BusyTimeout = TimeSpan.FromSeconds(30) });
        using var readModel = new SqliteReadModel(readModelPath);
        CountedTotals.CreateTables(readModel);
        var runner = new ProjectionRunner<CountedTotals>(store, new CountedTotals(readModel, pauseEvery: 1, owner), new ProjectionRunnerOptions
        {
            Checkpoints = readModel,
            Lease = new ProjectionLeaseOptions
            {
                Owner = owner,
                Duration = TimeSpan.FromSeconds(2),
                RenewEvery = TimeSpan.FromMilliseconds(250),
                RetryEvery = TimeSpan.FromMilliseconds(100),
            },
        });

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        var running = runner.RunAsync(stop.Token);
        string? reported = null;
        while (!running.IsCompleted)
        {
            string now = runner.Lease is { } lease ? $"holding token={lease.Token}"
                : runner.StandingByFor is { } holder ? $"standing by for {holder}"
                : "waiting";
            if (now != reported)
            {
                Console.WriteLine(now);
                reported = now;
            }

            await Task.WhenAny(running, Task.Delay(20));
        }

        try
        {
            await running;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }

        Console.WriteLine("stopped");
        return 0;
    }
}
