using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using Eventfold.Sqlite;
using global::Marten;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;

namespace Eventfold.Marten.Benchmarks;

/// <summary>
/// A full catch-up of the same counting projection over the same <see cref="Events"/> events: Eventfold's
/// <see cref="ProjectionRunner{T}"/> rebuilding from a SQLite file, beside Marten's async daemon rebuilding its
/// async projection from PostgreSQL, in the same run, with each store's plain read of everything beside them.
/// The events are appended once (setup skips it when the count is already there). The PostgreSQL connection
/// string comes from <see cref="ConnectionVariable"/>; without it only the Eventfold rows run. Times are per event.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
public class MartenCatchUpBenchmarks
{
    public const int Events = 100_000;
    public const string ConnectionVariable = "EVENTFOLD_MARTEN_PG";
    private const string MartenPrefix = "Marten";

    private SqliteEventStore _sqlite = null!;
    private ProjectionRunner<EventfoldCountingProjection> _eventfold = null!;
    private DocumentStore? _marten;
    private MartenCountingProjection _martenProjection = null!;

    public static string? ConnectionString => Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } s ? s : null;

    /// <summary>Leaves the Marten rows out when there is no PostgreSQL to run them against.</summary>
    public static IConfig Config()
    {
        var config = DefaultConfig.Instance;
        return ConnectionString is null
            ? config.AddFilter(new SimpleFilter(c => !c.Descriptor.WorkloadMethodDisplayInfo.StartsWith(MartenPrefix, StringComparison.Ordinal)))
            : config;
    }

    [GlobalSetup]
    public void Setup()
    {
        _sqlite = new SqliteEventStore(SharedLog.PrepareSqlite(Events));
        _eventfold = new ProjectionRunner<EventfoldCountingProjection>(_sqlite, new EventfoldCountingProjection());
        Check("Eventfold catch-up", EventfoldCatchUpAsync().GetAwaiter().GetResult(), Events);
        Check("SQLite read", SqliteReadAllAsync().GetAwaiter().GetResult(), Events);
        if (ConnectionString is { } connection)
        {
            _martenProjection = new MartenCountingProjection();
            _marten = DocumentStore.For(options =>
            {
                options.Connection(connection);
                options.DatabaseSchemaName = "eventfold_bench";
                options.AutoCreateSchemaObjects = AutoCreate.All;
                options.Events.StreamIdentity = StreamIdentity.AsString;
                options.Projections.Add(_martenProjection, ProjectionLifecycle.Async);
            });
            SharedLog.PrepareMartenAsync(_marten, Events).GetAwaiter().GetResult();
            Check("Marten daemon rebuild", MartenRebuildAsync().GetAwaiter().GetResult(), Events);
            Check("Marten read", MartenReadAllAsync().GetAwaiter().GetResult(), Events);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sqlite.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _marten?.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events, Description = "Eventfold ProjectionRunner rebuild (SQLite)")]
    public async Task<long> EventfoldCatchUpAsync()
    {
        _eventfold.Projection.Reset();
        await _eventfold.RebuildAsync();
        return _eventfold.Projection.Handled;
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "Eventfold SqliteEventStore.ReadAllAsync")]
    public async Task<long> SqliteReadAllAsync()
    {
        long count = 0;
        await foreach (var e in _sqlite.ReadAllAsync(GlobalPosition.Start))
        {
            count += e.Event is not null ? 1 : 0;
        }

        return count;
    }

    [Benchmark(OperationsPerInvoke = Events, Description = MartenPrefix + " async daemon rebuild (PostgreSQL)")]
    public async Task<long> MartenRebuildAsync()
    {
        _martenProjection.Reset();
        using var daemon = await _marten!.BuildProjectionDaemonAsync();
        await daemon.RebuildProjectionAsync(_martenProjection.Name, TimeSpan.FromMinutes(10), CancellationToken.None);
        return _martenProjection.Handled;
    }

    [Benchmark(OperationsPerInvoke = Events, Description = MartenPrefix + " read of all events (PostgreSQL)")]
    public async Task<long> MartenReadAllAsync()
    {
        await using var session = _marten!.QuerySession();
        long count = 0;
        await foreach (var e in session.Events.QueryAllRawEvents().ToAsyncEnumerable())
        {
            count += e.Data is not null ? 1 : 0;
        }

        return count;
    }

    private static void Check(string contender, long handled, long expected)
    {
        if (handled != expected)
        {
            throw new InvalidOperationException($"{contender}: expected {expected} events, got {handled}.");
        }
    }
}
