using Eventfold.Analyzers.Rules;
using Eventfold.Analyzers.Tests.Verifiers;
using Eventfold.CodeFixes;
using Microsoft.CodeAnalysis.Testing;

namespace Eventfold.Analyzers.Tests.Rules;

/// <summary>The mechanical fixes of EVF011, EVF012, EVF013 and EVF015.</summary>
public sealed class GeneratorInputFixTests
{
    [Fact]
    public async Task Static_and_abstract_are_removed()
    {
        const string source = """
            using Eventfold;

            [Aggregate("a")]
            public static partial class {|#0:Counter|} { }

            [Aggregate("b")]
            abstract partial class {|#1:Tally|} { }

            [Event]
            static class {|#2:Constants|} { }
            """;
        const string fixedSource = """
            using Eventfold;

            [Aggregate("a")]
            public partial class Counter { }

            [Aggregate("b")]
            partial class Tally { }

            [Event]
            class Constants { }
            """;

        await RemoveModifier.VerifyAsync(
            source,
            fixedSource,
            RemoveModifier.Diagnostic("EVF011").WithLocation(0)
                .WithArguments("Aggregate 'Counter' is static; the repository creates instances of it, so remove 'static'"),
            RemoveModifier.Diagnostic("EVF011").WithLocation(1)
                .WithArguments("Aggregate 'Tally' is abstract; the repository creates instances of it, so remove 'abstract' (put shared behaviour in a base class without [Aggregate])"),
            RemoveModifier.Diagnostic("EVF015").WithLocation(2)
                .WithArguments("Event 'Constants' is a static class; an event is a type with instances, so remove 'static'"));
    }

    [Fact]
    public async Task Required_is_removed()
    {
        const string source = """
            using Eventfold;

            [Aggregate("a")]
            public sealed partial class Order
            {
                public required string {|#0:Name|} { get; init; } = "";
                required public int {|#1:Size|};
            }
            """;
        const string fixedSource = """
            using Eventfold;

            [Aggregate("a")]
            public sealed partial class Order
            {
                public string Name { get; init; } = "";
                public int Size;
            }
            """;

        const string Message = "Aggregate 'Order' has the required member '{0}'; the repository creates aggregates without initialisers (their state comes from events), so remove 'required'";
        await RemoveModifier.VerifyAsync(
            source,
            fixedSource,
            RemoveModifier.Diagnostic("EVF013").WithLocation(0).WithArguments(string.Format(Message, "Name")),
            RemoveModifier.Diagnostic("EVF013").WithLocation(1).WithArguments(string.Format(Message, "Size")));
    }

    [Fact]
    public async Task A_private_parameterless_constructor_is_added_unless_there_is_a_primary_constructor()
    {
        const string source = """
            using Eventfold;

            [Aggregate("a")]
            public sealed partial class {|#0:Order|}
            {
                public int Size { get; }

                public Order(int size) => Size = size;
            }

            [Aggregate("b")]
            public sealed partial class {|#1:Cart|}(int size)
            {
                public int Size => size;
            }
            """;
        const string fixedSource = """
            using Eventfold;

            [Aggregate("a")]
            public sealed partial class Order
            {
                public int Size { get; }

                private Order()
                {
                }

                public Order(int size) => Size = size;
            }

            [Aggregate("b")]
            public sealed partial class {|#1:Cart|}(int size)
            {
                public int Size => size;
            }
            """;

        const string Message = "Aggregate '{0}' has no parameterless constructor; the repository creates it before replaying its events, so add one (it may be private)";
        await AddConstructor.VerifyAsync(
            source,
            fixedSource,
            [AddConstructor.Diagnostic("EVF012").WithLocation(1).WithArguments(string.Format(Message, "Cart"))],
            AddConstructor.Diagnostic("EVF012").WithLocation(0).WithArguments(string.Format(Message, "Order")),
            AddConstructor.Diagnostic("EVF012").WithLocation(1).WithArguments(string.Format(Message, "Cart")));
    }

    private static class RemoveModifier
    {
        public static DiagnosticResult Diagnostic(string id) => CodeFixVerifier<GeneratorInputAnalyzer, RemoveModifierCodeFixProvider>.Diagnostic(id);

        public static Task VerifyAsync(string source, string fixedSource, params DiagnosticResult[] expected) =>
            CodeFixVerifier<GeneratorInputAnalyzer, RemoveModifierCodeFixProvider>.VerifyAsync(source, fixedSource, expected);
    }

    private static class AddConstructor
    {
        public static DiagnosticResult Diagnostic(string id) => CodeFixVerifier<GeneratorInputAnalyzer, AddParameterlessConstructorCodeFixProvider>.Diagnostic(id);

        public static Task VerifyAsync(string source, string fixedSource, DiagnosticResult[] remaining, params DiagnosticResult[] expected) =>
            CodeFixVerifier<GeneratorInputAnalyzer, AddParameterlessConstructorCodeFixProvider>.VerifyAsync(source, fixedSource, remaining, expected);
    }
}
