using System.Text.RegularExpressions;
using Eventfold.Generators.Tests.Infrastructure;

namespace Eventfold.Generators.Tests;

/// <summary>
/// The shape hash changes with the captured members' names and types and nothing else, and an aggregate
/// with a member that cannot be restored gets no snapshot code at all.
/// </summary>
public sealed class SnapshotShapeTests
{
    private const string Events = """
        using Eventfold;
        namespace Shape;
        [Event("shape.happened")] public sealed record Happened(int N);
        """;

    [Fact]
    public void Adding_a_field_changes_the_shape_hash()
    {
        string before = ShapeOf("private int _count;");
        string after = ShapeOf("private int _count; private string _name = \"\";");

        Assert.NotEqual(before, after);
    }

    [Fact]
    public void Changing_a_member_type_or_name_changes_the_shape_hash()
    {
        string original = ShapeOf("private int _count;");

        Assert.NotEqual(original, ShapeOf("private long _count;"));
        Assert.NotEqual(original, ShapeOf("private int _total;"));
    }

    [Fact]
    public void Declaration_order_and_methods_do_not_change_the_shape_hash()
    {
        Assert.Equal(
            ShapeOf("private int _a; public string B { get; private set; } = \"\";"),
            ShapeOf("public string B { get; private set; } = \"\"; public int Twice() => _a * 2; private int _a;"));
    }

    [Theory]
    [InlineData("private readonly object _gate = new();", "readonly field '_gate'")]
    [InlineData("public string Name { get; } = \"\";", "get-only property 'Name'")]
    [InlineData("public string Name { get; init; } = \"\";", "init-only property 'Name'")]
    [InlineData("private System.Func<int>? _next;", "member '_next'")]
    [InlineData("private object? _last;", "member '_last' of type object is read back as a JsonElement")]
    [InlineData("private (int From, int To) _range;", "member '_range' of tuple type")]
    [InlineData("private System.Collections.Generic.List<System.IDisposable> _open = new();", "member '_open[]' of type IDisposable, an interface")]
    public void A_member_that_cannot_be_restored_means_no_snapshot_code(string member, string reason)
    {
        string generated = Generate(member);

        Assert.DoesNotContain("SnapshotShape", generated);
        Assert.DoesNotContain("RestoreSnapshot", generated);
        Assert.Contains("// No snapshots: " + reason, generated);
    }

    [Fact]
    public void A_member_named_like_a_keyword_is_captured_under_its_name()
    {
        string generated = Generate("private int @event; public string @class { get; private set; } = \"\";");

        Assert.Contains("writer.WritePropertyName(\"event\");", generated);
        Assert.Contains("this.@class = ", generated);
    }

    [Fact]
    public void Without_SnapshotEvery_no_snapshot_code_is_generated()
    {
        string generated = Generate("private int _count;", snapshotEvery: 0);

        Assert.DoesNotContain("Snapshot", generated.Replace("SnapshotEvery", ""));
    }

    private static string ShapeOf(string members)
    {
        var match = Regex.Match(Generate(members), "SnapshotShape => \"([0-9a-f]{16})\"");
        Assert.True(match.Success, "no shape hash was generated");
        return match.Groups[1].Value;
    }

    private static string Generate(string members, int snapshotEvery = 10)
    {
        string aggregate = $$"""
            using Eventfold;
            namespace Shape;
            [Aggregate("shape", SnapshotEvery = {{snapshotEvery}})]
            public sealed partial class Thing
            {
                {{members}}
                private void Apply(Happened e) { }
            }
            """;
        var (generated, output) = GeneratorHarness.Run(GeneratorHarness.Compile("Shape", Events, aggregate));
        Assert.DoesNotContain(GeneratorHarness.Problems(output), d => d.Id is not ("CS0169" or "CS0414" or "CS0649"));
        return generated["Shape.Thing.g.cs"];
    }
}
