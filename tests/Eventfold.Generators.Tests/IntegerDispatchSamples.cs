using System.Text;

namespace Eventfold.Generators.Tests;

/// <summary>
/// An aggregate and a projection with more event types than <see cref="IntegerDispatch.Threshold"/>
/// (or exactly as many, for the boundary), so the generators emit the integer dispatch. Besides the
/// sealed <c>Step{i}</c> events each has an unsealed base event with a derived one that has no handler
/// of its own (reached by the type switch fallback) and a struct event (unboxed); the aggregate also
/// has a derived event with its own Apply and an interface handler.
/// </summary>
internal static class IntegerDispatchSamples
{
    /// <summary>Event types the aggregate keys besides its steps: Adjusted, Doubled and Marked (INoted is an interface).</summary>
    public const int AggregateKeyedBesideSteps = 3;

    /// <summary>Event types the projection keys besides its steps: Adjusted and Marked.</summary>
    public const int ProjectionKeyedBesideSteps = 2;

    /// <summary>Just above the threshold: the integer dispatch.</summary>
    public static int AggregateSteps => IntegerDispatch.Threshold + 1 - AggregateKeyedBesideSteps;

    public static int ProjectionSteps => IntegerDispatch.Threshold + 1 - ProjectionKeyedBesideSteps;

    public static string Aggregate(string ns, int steps)
    {
        var s = new StringBuilder();
                s.AppendLine("using Eventfold;");
        s.AppendLine();
        s.AppendLine($"namespace {ns};");
        s.AppendLine();
        s.AppendLine("public interface INoted { string Text { get; } }");
        for (int i = 0; i < steps; i++)
        {
            s.AppendLine($"public sealed record Step{i}(int Value);");
        }

        s.AppendLine("public record Adjusted(int By);");
        s.AppendLine("public record Doubled(int By) : Adjusted(By);");
        s.AppendLine("public record Tripled(int By) : Adjusted(By);");
        s.AppendLine("public readonly record struct Marked(int Value);");
        s.AppendLine("public sealed record Noted(string Text) : INoted;");
        s.AppendLine("public sealed record Ignored(int Value);");
        s.AppendLine();
        s.AppendLine("[Aggregate(\"wide\")]");
        s.AppendLine("public sealed partial class Wide");
        s.AppendLine("{");
        s.AppendLine("    public string Last { get; private set; } = \"\";");
        s.AppendLine("    public long Total { get; private set; }");
        s.AppendLine();
        s.AppendLine("    public void Record(object e) => Raise(e);");
        s.AppendLine();
        for (int i = 0; i < steps; i++)
        {
            s.AppendLine($"    private void Apply(Step{i} e) {{ Last = \"Step{i}\"; Total += e.Value; }}");
        }

        s.AppendLine("    private void Apply(Adjusted e) { Last = \"Adjusted\"; Total += e.By; }");
        s.AppendLine("    private void Apply(Doubled e) { Last = \"Doubled\"; Total += 2 * e.By; }");
        s.AppendLine("    private void Apply(in Marked e) { Last = \"Marked\"; Total += e.Value; }");
        s.AppendLine("    private void Apply(INoted e) => Last = \"Noted\";");
        s.AppendLine("}");
        return s.ToString();
    }

    public static string Projection(string ns, int steps)
    {
        var s = new StringBuilder();
                s.AppendLine("using System.Threading;");
        s.AppendLine("using System.Threading.Tasks;");
        s.AppendLine("using Eventfold;");
        s.AppendLine();
        s.AppendLine($"namespace {ns};");
        s.AppendLine();
        string prefix = ns.ToLowerInvariant();
        for (int i = 0; i < steps; i++)
        {
            s.AppendLine($"[Event(\"{prefix}.step{i}\")] public sealed record Step{i}(int Value);");
        }

        s.AppendLine($"[Event(\"{prefix}.adjusted\")] public record Adjusted(int By);");
        s.AppendLine("public record Doubled(int By) : Adjusted(By);");
        s.AppendLine($"[Event(\"{prefix}.marked\")] public readonly record struct Marked(int Value);");
        s.AppendLine($"[Event(\"{prefix}.ignored\")] public sealed record Ignored(int Value);");
        s.AppendLine();
        s.AppendLine("[Projection(\"wide-view\")]");
        s.AppendLine("public sealed partial class WideView");
        s.AppendLine("{");
        s.AppendLine("    public string Last { get; private set; } = \"\";");
        s.AppendLine("    public long Total { get; private set; }");
        s.AppendLine("    public long LastVersion { get; private set; } = -1;");
        s.AppendLine();
        for (int i = 0; i < steps; i++)
        {
            s.AppendLine($"    private void On(Step{i} e) {{ Last = \"Step{i}\"; Total += e.Value; }}");
        }

        s.AppendLine("    private Task On(Adjusted e, EventContext ctx, CancellationToken ct) { Last = \"Adjusted\"; Total += e.By; LastVersion = ctx.Version; return Task.CompletedTask; }");
        s.AppendLine("    private ValueTask On(Marked e, CancellationToken ct) { Last = \"Marked\"; Total += e.Value; return default; }");
        s.AppendLine("}");
        return s.ToString();
    }
}
