using System.Diagnostics;
using System.Text.Json;
using Eventfold;
using Eventfold.EventStoreDb;

// Appends per second (1 and 100 events per call, sequential and concurrent) and $all reads per
// second, for Eventfold and for the official Node client, taking turns on the same server in one run.
// Usage: EVENTFOLD_ESDB=esdb://127.0.0.1:2113?tls=false dotnet run -c Release --project benchmarks/Eventfold.EventStoreDb.Benchmarks [singles] [batches] [concurrency]
// Run it against a fresh server: the $all read covers every event the server holds.
// Or: ... --project benchmarks/Eventfold.EventStoreDb.Benchmarks catchup [events] (projection catch-up, CatchUpBenchmark.cs).
string connectionString = Environment.GetEnvironmentVariable("EVENTFOLD_ESDB")
    ?? throw new InvalidOperationException("Set EVENTFOLD_ESDB to the connection string of an EventStoreDB server.");
if (args is ["catchup", ..])
{
    await CatchUpBenchmark.RunAsync(connectionString, args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000);
    return;
}

int singles = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 2000;
int batches = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200;
int concurrency = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 16;

var registry = new EventRegistry();
registry.Register<BenchItem>("BenchItem", 1);
await using var store = new EventStoreDbEventStore(connectionString, new EventStoreOptions { Serializer = new EventSerializer(registry) });
string prefix = $"efbench-{Guid.NewGuid():N}";
// Warm up (JIT here and in the server, connection, caches); bench.mjs does the same.
await InParallel(1000, 1, i => store.AppendAsync($"{prefix}-warmup", ExpectedVersion.Any, [Item(i)]));

// Eventfold and Node take turns, twice: the first round also warms the server up, so only the
// second round of each is reported.
Dictionary<string, double> ours = [];
JsonElement node = default;
for (int round = 0; round < 2; round++)
{
    ours = await MeasureAsync(store, $"{prefix}-r{round}", singles, batches, concurrency);
    node = await RunNodeAsync(connectionString, singles, batches, concurrency);
}

Console.WriteLine($"singles={singles} batches={batches}x100 concurrency={concurrency} server={connectionString}");
Console.WriteLine($"{"measure",-22}{"Eventfold",14}{"Node client",14}{"ratio",8}");
foreach (var (name, value) in ours)
{
    double theirs = node.GetProperty(name).GetDouble();
    Console.WriteLine($"{name,-22}{value,14:F0}{theirs,14:F0}{value / theirs,8:F2}");
}

static async Task<Dictionary<string, double>> MeasureAsync(EventStoreDbEventStore store, string prefix, int singles, int batches, int concurrency)
{
    var result = new Dictionary<string, double>
    {
        ["appendOne"] = await Timed(singles, () => InParallel(singles, 1, i => store.AppendAsync($"{prefix}-one-{i % 50}", ExpectedVersion.Any, [Item(i)]))),
        ["appendOneConcurrent"] = await Timed(singles, () => InParallel(singles, concurrency, i => store.AppendAsync($"{prefix}-conc-{i}", ExpectedVersion.Any, [Item(i)]))),
        ["appendHundredEvents"] = await Timed(batches * 100, () => InParallel(batches, 1, i => store.AppendAsync($"{prefix}-batch-{i}", ExpectedVersion.Any, Enumerable.Range(0, 100).Select(Item).ToArray()))),
    };
    var clock = Stopwatch.StartNew();
    long read = 0;
    await foreach (var _ in store.ReadAllAsync(GlobalPosition.Start))
    {
        read++;
    }

    result["readAllEvents"] = read / clock.Elapsed.TotalSeconds;
    result["readAllCount"] = read;
    return result;
}

static EventData Item(int i) => EventData.From(new BenchItem($"sku-{i}", i));

static async Task<double> Timed(int count, Func<Task> work)
{
    var clock = Stopwatch.StartNew();
    await work();
    return count / clock.Elapsed.TotalSeconds;
}

static Task InParallel(int total, int parallel, Func<int, Task> one)
{
    int next = -1;
    return Task.WhenAll(Enumerable.Range(0, parallel).Select(async _ =>
    {
        for (int i = Interlocked.Increment(ref next); i < total; i = Interlocked.Increment(ref next))
        {
            await one(i);
        }
    }));
}

static async Task<JsonElement> RunNodeAsync(string connectionString, int singles, int batches, int concurrency)
{
    string directory = FindInterop();
    var start = new ProcessStartInfo("node") { WorkingDirectory = directory, RedirectStandardOutput = true };
    foreach (var argument in new[] { "bench.mjs", connectionString, $"{singles}", $"{batches}", $"{concurrency}" })
    {
        start.ArgumentList.Add(argument);
    }

    using var process = Process.Start(start)!;
    string output = await process.StandardOutput.ReadToEndAsync();
    await process.WaitForExitAsync();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"node bench.mjs failed ({process.ExitCode}); run 'npm ci' in {directory}");
    }

    return JsonDocument.Parse(output).RootElement.Clone();
}

static string FindInterop()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        string candidate = Path.Combine(dir.FullName, "tests", "Eventfold.EventStoreDb.Tests", "interop");
        if (File.Exists(Path.Combine(candidate, "bench.mjs")))
        {
            return candidate;
        }
    }

    throw new InvalidOperationException("tests/Eventfold.EventStoreDb.Tests/interop not found");
}

internal sealed record BenchItem(string Sku, int Quantity);
