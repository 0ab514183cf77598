using System.Collections.Generic;
using System.Globalization;

namespace Eventfold.Generators;

/// <summary>
/// A type-pattern switch tests its cases one by one, so its cost grows with the number of event types.
/// Above <see cref="Threshold"/> keyed event types the aggregate and projection emitters write an
/// integer dispatch instead: the event's exact runtime type is looked up once in a static
/// <c>FrozenDictionary&lt;Type, int&gt;</c> built from <c>typeof</c> (no reflection, safe under Native
/// AOT), and a switch on that integer (a jump table) calls the handler. A runtime type not in the index
/// (a subclass of a handled type, or an implementation of a handled interface) falls back to the same
/// type switch as below the threshold, so every event reaches the same handler either way.
/// </summary>
internal static class IntegerDispatch
{
    /// <summary>
    /// More keyed event types than this and the integer dispatch is emitted. Measured by
    /// benchmarks/Eventfold.Benchmarks/Dispatch/TypeSwitchCrossoverBenchmarks.cs (docs/performance.md,
    /// "Type switch against integer dispatch: the crossover").
    /// </summary>
    public const int Threshold = 32;

    public static bool IsUsedFor(int keyedTypes) => keyedTypes > Threshold;

    /// <summary>The static index field: each keyed event type to its case number, in the order given.</summary>
    public static void WriteIndex(SourceWriter w, string field, IReadOnlyList<string> keyedTypes, string handler)
    {
        w.Line("// More than " + Threshold.ToString(CultureInfo.InvariantCulture) + " event types: a type switch would test them one by one, so the event's exact type is");
        w.Line("// looked up once here and a switch on its number calls the " + handler + " method (docs/performance.md, the crossover).");
        w.Line("private static readonly global::System.Collections.Frozen.FrozenDictionary<global::System.Type, int> " + field + " =");
        w.Line("    global::System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(new global::System.Collections.Generic.KeyValuePair<global::System.Type, int>[]");
        w.Line("    {");
        for (int i = 0; i < keyedTypes.Count; i++)
        {
            w.Line("        new(typeof(" + keyedTypes[i] + "), " + i.ToString(CultureInfo.InvariantCulture) + "),");
        }

        w.Line("    });");
        w.Line();
    }

    /// <summary>The event, known to be exactly <paramref name="eventType"/>, as that type: unboxed, or reinterpreted without a second check.</summary>
    public static string Cast(string eventType, EventTypeKey key, string expression) =>
        key == EventTypeKey.Value
            ? "(" + eventType + ")" + expression
            : "global::System.Runtime.CompilerServices.Unsafe.As<" + eventType + ">(" + expression + ")";
}
