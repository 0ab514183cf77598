using System.Globalization;
using Eventfold.Benchmarks.CpuTime;
using Eventfold.Benchmarks.Dispatching;
using Eventfold.Benchmarks.Projections;
using Eventfold.Benchmarks.Rehydration;
using Eventfold.Benchmarks.Sqlite;

// A cross-check of the BenchmarkDotNet suite for a shared, loaded machine, where load that comes and
// goes between BenchmarkDotNet's separate processes moves its ratios: here the contenders run in turns
// in one process and are charged CPU time. See docs/performance.md.
string scenario = args.Length > 0 ? args[0] : "";
int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15;
if (scenario == "typeswitch-one")
{
    // typeswitch-one <types> <sealed|unsealed> <switch|frozen> <passes>, for callgrind (docs/performance.md, section 10).
    Console.WriteLine(TypeSwitchTurns.RunOne(int.Parse(args[1], CultureInfo.InvariantCulture), args[2] == "sealed", args[3], int.Parse(args[4], CultureInfo.InvariantCulture)));
    return 0;
}

if (scenario == "typeswitch")
{
    Console.WriteLine(TypeSwitchTurns.Run(rounds));
    return 0;
}

Turns? result = scenario switch
{
    "rehydrate10" => Rehydrate(10),
    "rehydrate1000" => Rehydrate(1_000),
    "rehydrate100000" => Rehydrate(100_000),
    "append1" => Append(hundred: false),
    "append100" => Append(hundred: true),
    "read" => Read(),
    "dispatch1" => Dispatch(1),
    "dispatch4" => Dispatch(4),
    "catchup" => CatchUp(),
    _ => null,
};
if (result is null)
{
    Console.Error.WriteLine("usage: Eventfold.Benchmarks.CpuTime rehydrate10|rehydrate1000|rehydrate100000|append1|append100|read|dispatch1|dispatch4|catchup|typeswitch [rounds]");
    return 2;
}

Console.WriteLine(result.Report(scenario));
return 0;

Turns Rehydrate(int events)
{
    var benchmarks = new RehydrationBenchmarks { Events = events };
    benchmarks.Setup();
    int replays = Math.Max(1, 2_000_000 / events);
    Action Repeat(Func<long> replay) => () =>
    {
        for (int i = 0; i < replays; i++)
        {
            replay();
        }
    };
    return Turns.Run(rounds, replays * events,
        ("Hand-written switch", Repeat(benchmarks.HandWrittenSwitch)),
        ("Generated (IEventSourced<T>)", Repeat(benchmarks.Generated)),
        ("Dictionary<Type, Action>", Repeat(benchmarks.HandlerDictionary)),
        ("Cached reflection", Repeat(benchmarks.CachedReflection)));
}

Turns Append(bool hundred)
{
    var benchmarks = new AppendBenchmarks();
    benchmarks.Setup();
    try
    {
        // A turn is 100 calls of 100 events, or 2,000 calls of one (single appends cost far more per event).
        int calls = hundred ? 100 : 2_000;
        return Turns.Run(rounds, hundred ? calls * 100 : calls,
            ("Raw INSERT", () =>
            {
                for (int i = 0; i < calls; i++)
                {
                    if (hundred) { benchmarks.RawInsertHundred(); } else { benchmarks.RawInsertOne(); }
                }
            }),
            ("SqliteEventStore.AppendAsync", () =>
            {
                for (int i = 0; i < calls; i++)
                {
                    (hundred ? benchmarks.StoreAppendHundred() : benchmarks.StoreAppendOne()).GetAwaiter().GetResult();
                }
            }));
    }
    finally
    {
        benchmarks.Cleanup();
    }
}

Turns Read()
{
    var benchmarks = new ReadAllBenchmarks();
    benchmarks.Setup();
    try
    {
        const int Reads = 5;
        return Turns.Run(rounds, Reads * ReadAllBenchmarks.StoredEvents,
            ("Raw SELECT (columns only)", () =>
            {
                for (int i = 0; i < Reads; i++)
                {
                    benchmarks.RawSelect();
                }
            }),
            ("SqliteEventStore.ReadAllAsync", () =>
            {
                for (int i = 0; i < Reads; i++)
                {
                    benchmarks.StoreReadAllAsync().GetAwaiter().GetResult();
                }
            }));
    }
    finally
    {
        benchmarks.Cleanup();
    }
}

// A projection's catch-up over the 1,000,000-event file beside the store's own read of it, in turns.
Turns CatchUp()
{
    var benchmarks = new CatchUpBenchmarks();
    benchmarks.Setup();
    try
    {
        Action Run(Func<Task<long>> benchmark) => () => benchmark().GetAwaiter().GetResult();
        return Turns.Run(rounds, MillionEventFile.Events,
            ("SqliteEventStore.ReadAllAsync", Run(benchmarks.StoreReadAllAsync)),
            ("ReadAllAsync, filtered to orders", Run(benchmarks.StoreReadAllFilteredAsync)),
            ("Projection catch-up, unfiltered", Run(benchmarks.UnfilteredCatchUpAsync)),
            ("Catch-up, unfiltered, checkpoint every 100,000, in memory", Run(benchmarks.UnfilteredRareCheckpointsCatchUpAsync)),
            ("Projection catch-up, filtered to orders", Run(benchmarks.FilteredCatchUpAsync)));
    }
    finally
    {
        benchmarks.Cleanup();
    }
}

// The dispatcher contenders in turns: multi-threaded, so the wall rate is the one to read (CPU time also
// charges the workers' spinning and waking).
Turns Dispatch(int workers)
{
    var benchmarks = new DispatcherBenchmarks { Workers = workers };
    benchmarks.Setup();
    try
    {
        Action Run(Func<Task> benchmark) => () => benchmark().GetAwaiter().GetResult();
        return Turns.Run(rounds, DispatcherBenchmarks.Messages,
            ("Raw Channel<T>", Run(benchmarks.RawChannel)),
            ("Generated [BoundedDispatcher]", Run(benchmarks.EventfoldGenerated)),
            ("DispatcherEngine (stand-in)", Run(benchmarks.Eventfold)),
            ("Dataflow ActionBlock", Run(benchmarks.DataflowActionBlock)),
            ("Akka.Streams queue", Run(benchmarks.AkkaStreamsQueue)));
    }
    finally
    {
        benchmarks.Cleanup().GetAwaiter().GetResult();
    }
}
