using System.Text;

namespace Eventfold.Generators.Benchmarks;

/// <summary>
/// The source of an application of a given size, in files the way a team would lay it out: events
/// in groups, one file per aggregate, projection and saga, and one file no generator looks at.
/// </summary>
public sealed record SyntheticProject(int Events, int Aggregates, int Projections, int Sagas)
{
    public static readonly SyntheticProject Small = new(Events: 20, Aggregates: 3, Projections: 3, Sagas: 1);

    /// <summary>The size of issue 13: 700 event types, 100 aggregates, 100 projections, 20 sagas.</summary>
    public static readonly SyntheticProject Large = new(Events: 700, Aggregates: 100, Projections: 100, Sagas: 20);

    public const string UnrelatedFile = "Unrelated.cs";

    /// <summary>A file no generator reads; an edit to it must cost the generators next to nothing.</summary>
    public static string Unrelated(int edit) =>
        $"namespace Shop; public static class Unrelated {{ public static int Value() => {edit}; }}";

    public IEnumerable<(string Path, string Source)> Files()
    {
        const int eventsPerFile = 25;
        for (int first = 0; first < Events; first += eventsPerFile)
        {
            var file = new StringBuilder("using Eventfold;\nnamespace Shop;\n");
            for (int i = first; i < Math.Min(Events, first + eventsPerFile); i++)
            {
                file.Append($"[Event(\"E{i}\")] public sealed record E{i}(string Id, int Value);\n");
            }

            yield return ($"Events{first / eventsPerFile}.cs", file.ToString());
        }

        for (int a = 0; a < Aggregates; a++)
        {
            yield return ($"Aggregate{a}.cs", Aggregate(a));
        }

        for (int p = 0; p < Projections; p++)
        {
            yield return ($"Projection{p}.cs", Projection(p));
        }

        for (int s = 0; s < Sagas; s++)
        {
            yield return ($"Saga{s}.cs", Saga(s));
        }

        yield return (UnrelatedFile, Unrelated(0));
    }

    /// <summary>Seven events per aggregate, spread over the whole set, each with an Apply and a command raising it.</summary>
    private string Aggregate(int a)
    {
        var file = new StringBuilder($"using Eventfold;\nnamespace Shop;\n[Aggregate(\"a{a}\")]\npublic sealed partial class Aggregate{a}\n{{\n    public int Sum {{ get; private set; }}\n");
        foreach (int e in EventsOf(a, 7))
        {
            file.Append($"    public void Do{e}(int v) => Raise(new E{e}(Id, v));\n");
            file.Append($"    private void Apply(E{e} e) => Sum += e.Value;\n");
        }

        return file.Append("}\n").ToString();
    }

    private string Projection(int p)
    {
        var file = new StringBuilder($"using Eventfold;\nnamespace Shop;\n[Projection(\"p{p}\")]\npublic sealed partial class Projection{p}\n{{\n    public int Count {{ get; private set; }}\n");
        int n = 0;
        foreach (int e in EventsOf(p + 1, 5))
        {
            file.Append(n++ % 2 == 0
                ? $"    private void On(E{e} e) => Count += e.Value;\n"
                : $"    private Task On(E{e} e, EventContext context, CancellationToken ct) {{ Count++; return Task.CompletedTask; }}\n");
        }

        return file.Append("}\n").ToString();
    }

    private static string Saga(int s) => $$"""
        using Eventfold;
        namespace Shop;
        public sealed record Saga{{s}}Data(string OrderId, decimal Amount, string? PaymentId = null);

        [Saga("s{{s}}")]
        public sealed partial class Saga{{s}}
        {
            [Step(1, Compensate = nameof(Release))]
            private Task Reserve(Saga{{s}}Data d, CancellationToken ct) => Task.CompletedTask;
            private Task Release(Saga{{s}}Data d, CancellationToken ct) => Task.CompletedTask;

            [Step(2, Compensate = nameof(Refund), Retries = 3, TimeoutSeconds = 30)]
            private Task<Saga{{s}}Data> Charge(Saga{{s}}Data d, CancellationToken ct) => Task.FromResult(d with { PaymentId = "p" });
            private Task Refund(Saga{{s}}Data d, CancellationToken ct) => Task.CompletedTask;

            [Step(3)]
            private Task Ship(Saga{{s}}Data d, CancellationToken ct) => Task.CompletedTask;
        }
        """;

    private IEnumerable<int> EventsOf(int owner, int count)
    {
        for (int k = 0; k < count; k++)
        {
            yield return (owner * count + k) % Events;
        }
    }
}
