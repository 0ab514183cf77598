using System.Text;
using Eventfold.Benchmarks.Dispatch;

namespace Eventfold.Benchmarks.CpuTime;

/// <summary>
/// The CPU-time cross-check of <see cref="TypeSwitchCrossoverBenchmarks"/>: for each number of event
/// types and each of sealed and unsealed types, the type switch and the integer dispatch in turns.
/// </summary>
internal static class TypeSwitchTurns
{
    public static string Run(int rounds)
    {
        var report = new StringBuilder();
        foreach (bool @sealed in new[] { true, false })
        {
            foreach (int types in new[] { 2, 4, 8, 16, 32, 64, 128, 256 })
            {
                var benchmarks = new TypeSwitchCrossoverBenchmarks { Types = types, Sealed = @sealed };
                benchmarks.Setup();
                // About the same work per turn at every size: fewer passes over the 1,024 events as the switch grows.
                int passes = Math.Max(16, 4096 / types);
                Action Repeat(Func<long> dispatch) => () =>
                {
                    for (int i = 0; i < passes; i++)
                    {
                        dispatch();
                    }
                };
                var turns = Turns.Run(rounds, passes * TypeSwitchCrossoverBenchmarks.EventsPerInvoke,
                    ("Type switch", Repeat(benchmarks.TypeSwitch)),
                    ("FrozenDictionary<Type> + switch", Repeat(benchmarks.IntegerDispatch)),
                    ("FrozenDictionary<nint> + switch", Repeat(benchmarks.HandleDispatch)));
                report.Append(turns.Report($"typeswitch {types} {(@sealed ? "sealed" : "unsealed")}"));
            }
        }

        return report.ToString();
    }

    /// <summary>
    /// One contender only, for an instruction count under callgrind: the difference between two pass
    /// counts, divided by the events dispatched in between, is that dispatch's instructions per event.
    /// </summary>
    public static long RunOne(int types, bool @sealed, string contender, int passes)
    {
        var benchmarks = new TypeSwitchCrossoverBenchmarks { Types = types, Sealed = @sealed };
        benchmarks.Setup();
        Func<long> dispatch = contender == "switch" ? benchmarks.TypeSwitch : benchmarks.IntegerDispatch;
        long sum = 0;
        for (int i = 0; i < passes; i++)
        {
            sum += dispatch();
        }

        return sum;
    }
}
