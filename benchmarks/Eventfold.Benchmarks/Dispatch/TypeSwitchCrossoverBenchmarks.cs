using BenchmarkDotNet.Attributes;

namespace Eventfold.Benchmarks.Dispatch;

/// <summary>
/// Where a type-pattern switch over N event types (as the aggregate and projection generators emit it)
/// gets slower than looking the event's exact type up once in a FrozenDictionary (keyed by the Type, or by
/// its type handle's pointer) and switching on that integer. Events are spread evenly over all N types in
/// shuffled order. Sealed event types are tested with a method-table compare per case; unsealed ones
/// (records are unsealed by default) with a cast-helper call per case, so the two cross over at different N.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class TypeSwitchCrossoverBenchmarks
{
    public const int EventsPerInvoke = 1024;

    private object[] _events = [];
    private ICrossoverTarget _target = null!;

    [Params(2, 4, 8, 16, 32, 64, 128, 256)]
    public int Types { get; set; }

    [Params(true, false)]
    public bool Sealed { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _events = CrossoverEvents.Mix(Types, Sealed, EventsPerInvoke);
        // A dispatch to the wrong Apply would be fast for the wrong reason: both must add the same sum.
        long expected = CrossoverEvents.ExpectedSum(Types, EventsPerInvoke);
        var bySwitch = CrossoverEvents.NewTarget(Types, Sealed);
        var byInteger = CrossoverEvents.NewTarget(Types, Sealed);
        var byHandle = CrossoverEvents.NewTarget(Types, Sealed);
        if (bySwitch.RunTypeSwitch(_events) != expected || byInteger.RunIntegerDispatch(_events) != expected || byHandle.RunHandleDispatch(_events) != expected)
        {
            throw new InvalidOperationException($"A dispatch of {Types} event types reached the wrong Apply.");
        }

        _target = CrossoverEvents.NewTarget(Types, Sealed);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = EventsPerInvoke, Description = "Type switch")]
    public long TypeSwitch() => _target.RunTypeSwitch(_events);

    [Benchmark(OperationsPerInvoke = EventsPerInvoke, Description = "FrozenDictionary<Type, int> + integer switch")]
    public long IntegerDispatch() => _target.RunIntegerDispatch(_events);

    [Benchmark(OperationsPerInvoke = EventsPerInvoke, Description = "FrozenDictionary<nint, int> by type handle + integer switch")]
    public long HandleDispatch() => _target.RunHandleDispatch(_events);
}
