using BenchmarkDotNet.Attributes;
using Eventfold.Sqlite;

namespace Eventfold.Benchmarks.Projections;

/// <summary>
/// Catch-up of 1,000 events over 64 streams by a handler that waits 1 ms, at 1, 2, 4 and 8 streams in
/// parallel (the runner's keyed pipeline: each stream in order, the checkpoint only over the handled
/// prefix). Times are per event; ideal scaling divides the time by the degree of parallelism.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
public class ParallelCatchUpBenchmarks
{
    private const int Events = 1_000;
    private const int Streams = 64;

    private Sqlite.TempDatabase _file = null!;
    private SqliteEventStore _store = null!;
    private ProjectionRunner<SlowProjection> _runner = null!;

    [Params(1, 2, 4, 8)]
    public int ParallelStreams { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _file = new Sqlite.TempDatabase("parallel");
        _store = new SqliteEventStore(_file.Path);
        for (int n = 0; n < Events; n++)
        {
            _store.AppendAsync($"device-{n % Streams}", ExpectedVersion.Any, [EventData.From(new Step(n))]).GetAwaiter().GetResult();
        }

        _runner = new ProjectionRunner<SlowProjection>(_store, new SlowProjection(), new ProjectionRunnerOptions { ParallelStreams = ParallelStreams });
        if (CatchUpAsync().GetAwaiter().GetResult() != Events)
        {
            throw new InvalidOperationException($"Expected {Events} events handled.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _file.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "Catch-up, 1 ms handler")]
    public async Task<long> CatchUpAsync()
    {
        _runner.Projection.Reset();
        await _runner.RebuildAsync();
        return _runner.Projection.Handled;
    }
}
