using Verify = Eventfold.Analyzers.Tests.Verifiers.AnalyzerVerifier<Eventfold.Analyzers.Rules.DuplicateEventAnalyzer>;

namespace Eventfold.Analyzers.Tests.Rules;

public sealed class DuplicateEventTests
{
    [Fact]
    public async Task Distinct_names_and_versions_are_not_reported()
    {
        const string source = """
            using Eventfold;

            [Event("OrderPlaced", Version = 2)] public sealed record OrderPlaced(string Id);
            [Event("OrderPlaced")] public sealed record OrderPlacedV1(string Id);
            [Event] public sealed record OrderShipped(string Id);
            [Event(Version = 2)] public sealed record OrderShippedV2(string Id);
            public sealed record NotAnEvent(string Id);
            """;

        await Verify.VerifyAsync(source);
    }

    [Fact]
    public async Task Same_name_and_version_is_reported_on_each_type_naming_the_other()
    {
        const string source = """
            using Eventfold;

            [Event("OrderPlaced", Version = 2)] public sealed record {|#0:OrderPlaced|}(string Id);

            namespace Legacy
            {
                [Event("OrderPlaced", Version = 2)] public sealed record {|#1:PlacedOrder|}(string Id);
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic("EVF004").WithLocation(0).WithArguments("OrderPlaced", "OrderPlaced", 2, "Legacy.PlacedOrder"),
            Verify.Diagnostic("EVF004").WithLocation(1).WithArguments("Legacy.PlacedOrder", "OrderPlaced", 2, "OrderPlaced"));
    }

    [Fact]
    public async Task Defaults_count_the_type_name_and_version_one()
    {
        // 'Shipped' defaults to name "Shipped" and version 1, as the other spells out; the
        // duplicates may live in different files.
        string[] sources =
        [
            """
            using Eventfold;
            namespace A { [Event] public sealed record {|#0:Shipped|}; }
            """,
            """
            using Eventfold;
            namespace B { [Event("Shipped", Version = 1)] public sealed class {|#1:ShippedEvent|} { } }
            namespace C { [Event(null)] public sealed class {|#2:Shipped|} { } }
            """,
        ];

        await Verify.VerifyAsync(
            sources,
            Verify.Diagnostic("EVF004").WithLocation(0).WithArguments("A.Shipped", "Shipped", 1, "B.ShippedEvent', 'C.Shipped"),
            Verify.Diagnostic("EVF004").WithLocation(1).WithArguments("B.ShippedEvent", "Shipped", 1, "A.Shipped', 'C.Shipped"),
            Verify.Diagnostic("EVF004").WithLocation(2).WithArguments("C.Shipped", "Shipped", 1, "A.Shipped', 'B.ShippedEvent"));
    }
}
