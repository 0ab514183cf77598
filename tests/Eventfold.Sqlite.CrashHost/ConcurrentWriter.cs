namespace Eventfold.Sqlite.CrashHost;

/// <summary>A filtered-out event between the counted ones; the tests declare the same name.</summary>
[Event("crashhost.noise")]
public sealed record Noise(int N);

/// <summary>
/// The "write" mode: once the go file appears, appends counted events from four concurrent tasks to own and
/// shared streams (appends race on those), with a noise event in some batches, as a second writing process.
/// </summary>
internal static class ConcurrentWriter
{
    public static async Task<int> RunAsync(string path, string writer, int events, string goFile)
    {
        await using var store = new SqliteEventStore(path, new SqliteEventStoreOptions { BusyTimeout = TimeSpan.FromSeconds(30) });
        Console.WriteLine("ready");
        while (!File.Exists(goFile))
        {
            await Task.Delay(1);
        }

        const int tasks = 4;
        await Task.WhenAll(Enumerable.Range(0, tasks).Select(t => Task.Run(async () =>
        {
            for (int n = t; n < events; n += tasks)
            {
                string stream = n % 3 == 0 ? $"shared-{n % 2}" : $"{writer}-{t}";
                object[] batch = n % 5 == 0 ? [new Counted(n), new Noise(n), new Counted(n)] : [new Counted(n)];
                await store.AppendAsync(stream, ExpectedVersion.Any, batch.Select(e => EventData.From(e)).ToList());
            }
        })));
        Console.WriteLine("done");
        return 0;
    }
}
