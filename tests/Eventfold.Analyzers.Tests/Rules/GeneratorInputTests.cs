using Verify = Eventfold.Analyzers.Tests.Verifiers.AnalyzerVerifier<Eventfold.Analyzers.Rules.GeneratorInputAnalyzer>;

namespace Eventfold.Analyzers.Tests.Rules;

/// <summary>EVF011 to EVF016: every [Aggregate] and [Event] type the generators skip, each mistake with its own message.</summary>
public sealed class GeneratorInputTests
{
    private const string Usings = """
        using Eventfold;

        """;

    [Fact]
    public async Task Valid_aggregates_and_events_are_not_reported()
    {
        const string source = Usings + """
            [Event] public sealed record Placed(decimal Total);
            [Event("shipped", Version = 2)] internal readonly record struct Shipped;
            public partial class Outer { [Event] internal sealed record Nested; }

            public abstract class AggregateBase { protected void Helper() { } }

            [Aggregate("order")]
            public sealed partial class Order : AggregateBase
            {
                private Order() { }
                public Order(string note) { }
            }

            [Aggregate("cart")]
            public sealed partial class Cart { public Cart(int size = 1) { } }
            """;

        await Verify.VerifyAsync(source);
    }

    [Fact]
    public async Task Generic_abstract_static_and_nested_in_generic_aggregates_are_reported()
    {
        const string source = Usings + """
            [Aggregate("a")] public sealed partial class {|#0:Generic|}<T> { }
            [Aggregate("b")] public abstract partial class {|#1:Abstract|} { }
            [Aggregate("c")] public static partial class {|#2:Static|} { }
            public partial class Outer<T> { [Aggregate("d")] public sealed partial class {|#3:Inner|} { } }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic("EVF011").WithLocation(0).WithArguments("Aggregate 'Generic' is generic; one stream category needs one concrete type, so remove its type parameters"),
            Verify.Diagnostic("EVF011").WithLocation(1).WithArguments("Aggregate 'Abstract' is abstract; the repository creates instances of it, so remove 'abstract' (put shared behaviour in a base class without [Aggregate])"),
            Verify.Diagnostic("EVF011").WithLocation(2).WithArguments("Aggregate 'Static' is static; the repository creates instances of it, so remove 'static'"),
            Verify.Diagnostic("EVF011").WithLocation(3).WithArguments("Aggregate 'Inner' is nested in the generic type 'Outer'; declare it outside 'Outer'"));
    }

    [Fact]
    public async Task An_aggregate_without_a_parameterless_constructor_is_reported()
    {
        const string source = Usings + """
            [Aggregate("a")] public sealed partial class {|#0:Primary|}(string name) { public string Name => name; }
            [Aggregate("b")] public sealed partial class {|#1:Explicit|} { public Explicit(int size) { } }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic("EVF012").WithLocation(0).WithArguments("Aggregate 'Primary' has no parameterless constructor; the repository creates it before replaying its events, so add one (it may be private)"),
            Verify.Diagnostic("EVF012").WithLocation(1).WithArguments("Aggregate 'Explicit' has no parameterless constructor; the repository creates it before replaying its events, so add one (it may be private)"));
    }

    [Fact]
    public async Task Required_members_are_reported_where_they_are_declared()
    {
        const string source = Usings + """
            public abstract class AggregateBase { public required string Owner { get; init; } }

            [Aggregate("a")]
            public sealed partial class {|#1:Order|} : AggregateBase
            {
                public required string {|#0:Name|} { get; init; }
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic("EVF013").WithLocation(0).WithArguments("Aggregate 'Order' has the required member 'Name'; the repository creates aggregates without initialisers (their state comes from events), so remove 'required'"),
            Verify.Diagnostic("EVF013").WithLocation(1).WithArguments("Aggregate 'Order' has the required member 'Owner'; the repository creates aggregates without initialisers (their state comes from events), so remove 'required'"));
    }

    [Fact]
    public async Task Members_the_generator_adds_are_reported_when_declared_or_inherited()
    {
        const string source = Usings + """
            public abstract class Entity { public long Version { get; protected set; } private int Raise; }

            [Aggregate("a")]
            public sealed partial class {|#2:Order|} : Entity
            {
                public string {|#0:Id|} { get; } = "";
                private void {|#1:Raise|}(object e) { }
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic("EVF014").WithLocation(0).WithArguments("Aggregate 'Order' declares 'Id', which the generator adds to every aggregate; rename or remove it"),
            Verify.Diagnostic("EVF014").WithLocation(1).WithArguments("Aggregate 'Order' declares 'Raise', which the generator adds to every aggregate; rename or remove it"),
            Verify.Diagnostic("EVF014").WithLocation(2).WithArguments("Aggregate 'Order' inherits 'Version' from 'Entity', which the generated 'Version' would hide; rename it in 'Entity'"));
    }

    [Fact]
    public async Task Events_the_registration_cannot_name_are_reported()
    {
        const string source = Usings + """
            [Event] public sealed record {|#0:Generic|}<T>(T Value);
            [Event] file sealed record {|#1:FileLocal|}(int Value);
            public class Outer
            {
                [Event] private sealed record {|#2:Hidden|}(int Value);
                [Event] protected sealed record {|#3:Guarded|}(int Value);
                private sealed class Inner { [Event] public sealed record {|#4:Deep|}(int Value); }
            }
            public class Box<T> { [Event] public sealed record {|#5:InGeneric|}(int Value); }
            [Event] public static class {|#6:Constants|} { }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic("EVF015").WithLocation(0).WithArguments("Event 'Generic' is generic; a stored name must stand for one concrete type, so remove its type parameters"),
            Verify.Diagnostic("EVF015").WithLocation(1).WithArguments("Event 'FileLocal' is file-local; the generated registration in another file cannot name it, so remove 'file'"),
            Verify.Diagnostic("EVF015").WithLocation(2).WithArguments("Event 'Hidden' is private; the generated registration must name it, so make it internal or public"),
            Verify.Diagnostic("EVF015").WithLocation(3).WithArguments("Event 'Guarded' is protected; the generated registration must name it, so make it internal or public"),
            Verify.Diagnostic("EVF015").WithLocation(4).WithArguments("Event 'Deep' is nested in the private type 'Inner', which the generated registration cannot name; make 'Inner' internal or public"),
            Verify.Diagnostic("EVF015").WithLocation(5).WithArguments("Event 'InGeneric' is nested in the generic type 'Box'; declare it outside 'Box'"),
            Verify.Diagnostic("EVF015").WithLocation(6).WithArguments("Event 'Constants' is a static class; an event is a type with instances, so remove 'static'"));
    }

    [Fact]
    public async Task Invalid_attribute_values_are_reported()
    {
        const string source = Usings + """
            [Event(Version = 0)] public sealed record {|#0:Zero|}(int Value);
            [Event("negative", Version = -2)] public sealed record {|#1:Negative|}(int Value);
            [Event("")] public sealed record {|#2:Unnamed|}(int Value);
            [Aggregate("")] public sealed partial class {|#3:NoCategory|} { }
            [Aggregate(null!)] public sealed partial class {|#4:NullCategory|} { }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic("EVF016").WithLocation(0).WithArguments("[Event] on 'Zero' has Version = 0; schema versions count from 1"),
            Verify.Diagnostic("EVF016").WithLocation(1).WithArguments("[Event] on 'Negative' has Version = -2; schema versions count from 1"),
            Verify.Diagnostic("EVF016").WithLocation(2).WithArguments("[Event] on 'Unnamed' has an empty name; give a stored name or omit it to use 'Unnamed'"),
            Verify.Diagnostic("EVF016").WithLocation(3).WithArguments("[Aggregate] on 'NoCategory' has no category; give the stream category, e.g. [Aggregate(\"order\")]"),
            Verify.Diagnostic("EVF016").WithLocation(4).WithArguments("[Aggregate] on 'NullCategory' has no category; give the stream category, e.g. [Aggregate(\"order\")]"));
    }
}
