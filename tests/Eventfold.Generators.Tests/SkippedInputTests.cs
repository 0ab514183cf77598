using Eventfold.Generators.Tests.Infrastructure;

namespace Eventfold.Generators.Tests;

/// <summary>
/// Input the generator cannot complete gets no generated code at all (the analyzers explain why:
/// GeneratorAndAnalyzersAgreeTests checks both), so the user never sees compiler errors from
/// half-generated members.
/// </summary>
public sealed class SkippedInputTests
{
    [Theory]
    [InlineData("NotPartial", "[Aggregate(\"a\")] public sealed class A { }")]
    [InlineData("Generic", "[Aggregate(\"a\")] public sealed partial class A<T> { }")]
    [InlineData("NestedInNonPartial", "public class Outer { [Aggregate(\"a\")] public sealed partial class A { } }")]
    [InlineData("NestedInGeneric", "public partial class Outer<T> { [Aggregate(\"a\")] public sealed partial class A { } }")]
    [InlineData("NoParameterlessConstructor", "[Aggregate(\"a\")] public sealed partial class A(string name) { public string Name => name; }")]
    [InlineData("Abstract", "[Aggregate(\"a\")] public abstract partial class A { }")]
    [InlineData("Static", "[Aggregate(\"a\")] public static partial class A { }")]
    [InlineData("NullCategory", "[Aggregate(null!)] public sealed partial class A { }")]
    [InlineData("Struct", "[Aggregate(\"a\")] public partial struct A { }")]
    [InlineData("RecordStruct", "[Aggregate(\"a\")] public partial record struct A;")]
    [InlineData("EmptyCategory", "[Aggregate(\"\")] public sealed partial class A { }")]
    [InlineData("RequiredMember", "[Aggregate(\"a\")] public sealed partial class A { public required string Name { get; init; } }")]
    [InlineData("DeclaresId", "[Aggregate(\"a\")] public sealed partial class A { public string Id => \"x\"; }")]
    [InlineData("DeclaresVersion", "[Aggregate(\"a\")] public sealed partial class A { public int Version; }")]
    [InlineData("DeclaresRaise", "[Aggregate(\"a\")] public sealed partial class A { private void Raise(object e) { } }")]
    [InlineData("DeclaresUncommittedEvents", "[Aggregate(\"a\")] public sealed partial class A { public object[] UncommittedEvents => new object[0]; }")]
    [InlineData("InheritsVersion", "public abstract class B { public long Version { get; set; } } [Aggregate(\"a\")] public sealed partial class A : B { }")]
    public void Aggregate_the_generator_cannot_complete_gets_no_code(string caseName, string declaration)
    {
        var (generated, _) = GeneratorHarness.Run(GeneratorHarness.Compile(caseName, "using Eventfold;\n" + declaration));

        Assert.Empty(generated);
    }

    [Fact]
    public void Aggregate_with_a_constructor_whose_parameters_are_optional_is_generated()
    {
        var (generated, output) = GeneratorHarness.Run(GeneratorHarness.Compile(
            "OptionalParameters", "using Eventfold;\n[Aggregate(\"a\")] public sealed partial class A { public A(int size = 1) { } }"));

        Assert.Equal(["A.g.cs"], generated.Keys);
        Assert.Empty(GeneratorHarness.Problems(output));
    }

    [Fact]
    public void Aggregate_declared_as_a_record_class_is_generated()
    {
        var (generated, output) = GeneratorHarness.Run(GeneratorHarness.Compile(
            "RecordAggregate",
            "using Eventfold;\n[Event] public sealed record Renamed(string Name);\n"
            + "[Aggregate(\"a\")] public sealed partial record A { public string Name { get; private set; } = \"\"; private void Apply(Renamed e) => Name = e.Name; }"));

        Assert.Contains("A.g.cs", generated.Keys);
        Assert.Contains("partial record A : global::Eventfold.IEventSourced<global::A>", generated["A.g.cs"]);
        Assert.Empty(GeneratorHarness.Problems(output));
    }

    [Fact]
    public void Assembly_without_events_or_upcasters_gets_no_registration()
    {
        var (generated, _) = GeneratorHarness.Run(GeneratorHarness.Compile("NoEvents", "public sealed record NotAnEvent(int Value);"));

        Assert.Empty(generated);
    }

    [Theory]
    [InlineData("Private", "public class Outer { [Event] private sealed record E(int V); }")]
    [InlineData("Generic", "[Event] public sealed record E<T>(T V);")]
    [InlineData("FileLocal", "[Event] file sealed record E(int V);")]
    [InlineData("VersionZero", "[Event(Version = 0)] public sealed record E(int V);")]
    [InlineData("VersionNegative", "[Event(Version = -1)] public sealed record E(int V);")]
    [InlineData("EmptyName", "[Event(\"\")] public sealed record E(int V);")]
    [InlineData("Protected", "public class Outer { [Event] protected sealed record E(int V); }")]
    [InlineData("NestedInPrivate", "public class Outer { private class Inner { [Event] public sealed record E(int V); } }")]
    public void Event_that_generated_code_cannot_register_is_left_out(string caseName, string declaration)
    {
        var (generated, _) = GeneratorHarness.Run(GeneratorHarness.Compile(caseName, "using Eventfold;\n" + declaration));

        Assert.Empty(generated);
    }
}
