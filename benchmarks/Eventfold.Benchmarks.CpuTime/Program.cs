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
if (scenario is "count-dispatch1" or "count-dispatch4")
{
    return CountDispatch(scenario == "count-dispatch1" ? 1 : 4, args);
}

if (scenario == "catchup-profile")
{
    return CatchUpProfile(args);
}

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
    Console.Error.WriteLine("       Eventfold.Benchmarks.CpuTime dispatch1|dispatch4 <rounds> <contenders: indexes, 0 first, as 0,1>");
    Console.Error.WriteLine("       Eventfold.Benchmarks.CpuTime catchup-profile read|unfiltered|rare|filtered [events] [runs]");
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

// One catch-up contender alone over a smaller log, for an instruction profile (valgrind --tool=callgrind):
// one run to jit and check it, then the runs to profile. Nothing is timed here.
int CatchUpProfile(string[] a)
{
    string contender = a.Length > 1 ? a[1] : "";
    int events = a.Length > 2 ? int.Parse(a[2], CultureInfo.InvariantCulture) : 50_000;
    int runs = a.Length > 3 ? int.Parse(a[3], CultureInfo.InvariantCulture) : 3;
    var benchmarks = new CatchUpBenchmarks();
    benchmarks.Open(events);
    try
    {
        Func<Task<long>>? run = contender switch
        {
            "read" => benchmarks.StoreReadAllAsync,
            "unfiltered" => benchmarks.UnfilteredCatchUpAsync,
            "rare" => benchmarks.UnfilteredRareCheckpointsCatchUpAsync,
            "filtered" => benchmarks.FilteredCatchUpAsync,
            _ => null,
        };
        if (run is null)
        {
            Console.Error.WriteLine("catchup-profile: read|unfiltered|rare|filtered");
            return 2;
        }

        long expected = contender == "filtered" ? events / MillionEventFile.OrdersEvery : events;
        for (int i = 0; i <= runs; i++)
        {
            long handled = run().GetAwaiter().GetResult();
            if (handled != expected)
            {
                throw new InvalidOperationException($"{contender}: expected {expected} events, got {handled}.");
            }
        }

        Console.WriteLine($"catchup-profile {contender}: {runs + 1} runs of {events} events");
        return 0;
    }
    finally
    {
        benchmarks.Cleanup();
    }
}

// The dispatcher contenders in turns: multi-threaded, so the wall rate is the one to read (CPU time also
// charges the workers' spinning and waking).
// An optional third argument picks contenders by index ("0,1": the raw channel and the generated dispatcher), so
// that only their queues and threads are in the process.
Turns Dispatch(int workers)
{
    var benchmarks = new DispatcherBenchmarks { Workers = workers };
    var all = DispatchContenders(benchmarks);
    int[] indexes = args.Length > 2
        ? args[2].Split(',').Select(i => int.Parse(i, CultureInfo.InvariantCulture)).ToArray()
        : Enumerable.Range(0, all.Length).ToArray();
    var setups = DispatchSetups(benchmarks);
    foreach (var setup in indexes.Select(i => setups[i]).Distinct())
    {
        setup(); // the generated dispatcher and the stand-in share one
    }

    var picked = indexes.Select(i => all[i]).ToArray();
    try
    {
        // Untimed rounds first: the first seconds of a run are several times slower for every contender, while tiering
        // finishes and the thread pool settles on its thread count; they would otherwise decide the medians.
        for (int i = 0; i < 50; i++)
        {
            foreach (var (_, turn) in picked)
            {
                turn();
            }
        }

        return Turns.Run(rounds, DispatcherBenchmarks.Messages, picked);
    }
    finally
    {
        benchmarks.Cleanup().GetAwaiter().GetResult();
    }
}

// Each contender's setup, in the order of DispatchContenders.
static Action[] DispatchSetups(DispatcherBenchmarks benchmarks) =>
[
    benchmarks.SetupRawChannel, benchmarks.SetupEventfold, benchmarks.SetupEventfold, benchmarks.SetupDataflow, benchmarks.SetupAkka,
];

static (string Name, Action Turn)[] DispatchContenders(DispatcherBenchmarks benchmarks)
{
    Action Run(Func<Task> benchmark) => () => benchmark().GetAwaiter().GetResult();
    return
    [
        ("Raw Channel<T>", Run(benchmarks.RawChannel)),
        ("Generated [BoundedDispatcher]", Run(benchmarks.EventfoldGenerated)),
        ("DispatcherEngine (stand-in)", Run(benchmarks.Eventfold)),
        ("Dataflow ActionBlock", Run(benchmarks.DataflowActionBlock)),
        ("Akka.Streams queue", Run(benchmarks.AkkaStreamsQueue)),
    ];
}

// One dispatcher contender alone, for an instruction count under `valgrind --tool=callgrind`. It prints
// "counting" and sleeps 5 s before the counted turns and "counted" and 5 s after them, so a watcher can zero
// the counters (`callgrind_control -z`) and dump them (`callgrind_control -d`) around exactly those turns:
// start-up, setup, JIT and the warm-up turns are left out (benchmarks/count-dispatch.sh does this).
static int CountDispatch(int workers, string[] args)
{
    if (args.Length < 3 || !int.TryParse(args[1], CultureInfo.InvariantCulture, out int contender) || !int.TryParse(args[2], CultureInfo.InvariantCulture, out int turns))
    {
        Console.Error.WriteLine("usage: Eventfold.Benchmarks.CpuTime count-dispatch1|count-dispatch4 <contender 0-4> <turns>");
        return 2;
    }

    var benchmarks = new DispatcherBenchmarks { Workers = workers };
    benchmarks.Setup();
    try
    {
        var (name, turn) = DispatchContenders(benchmarks)[contender];
        for (int i = 0; i < 3; i++)
        {
            turn(); // jitted, tiered up and warm before the counted turns
        }

        Console.WriteLine("counting");
        Thread.Sleep(5_000);
        for (int i = 0; i < turns; i++)
        {
            turn();
        }

        Console.WriteLine("counted");
        Thread.Sleep(5_000);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {turns} turns of {DispatcherBenchmarks.Messages} messages after three warm-up turns"));
        return 0;
    }
    finally
    {
        benchmarks.Cleanup().GetAwaiter().GetResult();
    }
}
