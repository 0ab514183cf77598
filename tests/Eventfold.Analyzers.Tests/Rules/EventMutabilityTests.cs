using Eventfold.Analyzers.Rules;
using Microsoft.CodeAnalysis.Testing;
using Verify = Eventfold.Analyzers.Tests.Verifiers.CodeFixVerifier<
    Eventfold.Analyzers.Rules.EventMutabilityAnalyzer,
    Eventfold.CodeFixes.MakeEventImmutableCodeFixProvider>;

namespace Eventfold.Analyzers.Tests.Rules;

public sealed class EventMutabilityTests
{
    [Fact]
    public async Task Immutable_event_types_are_not_reported()
    {
        const string source = """
            using System.Collections.Generic;
            using System.Collections.Immutable;
            using Eventfold;

            [Event]
            public sealed record OrderPlaced(string OrderId, decimal Total, IReadOnlyList<string> Lines);

            [Event("Shipped", Version = 2)]
            public sealed class OrderShipped
            {
                public const int MaxParcels = 10;
                public static int Created;
                private readonly string _carrier = "";
                public string OrderId { get; init; } = "";
                public ImmutableArray<string> Parcels { get; init; }
                public string Carrier => _carrier;
            }

            [Event]
            public readonly record struct Paid(string OrderId, decimal Amount);

            // Not an event: mutable is fine.
            public sealed class Basket
            {
                public List<string> Items { get; set; } = new();
                public int Count;
            }
            """;

        await Verify.VerifyAsync(source, source);
    }

    [Fact]
    public async Task Setter_becomes_init()
    {
        const string source = """
            using Eventfold;

            [Event]
            public sealed class OrderPlaced
            {
                public string OrderId { get; {|#0:set|}; } = "";
                public decimal Total { get; private {|#1:set|}; }
            }
            """;
        const string fixedSource = """
            using Eventfold;

            [Event]
            public sealed class OrderPlaced
            {
                public string OrderId { get; init; } = "";
                public decimal Total { get; private init; }
            }
            """;

        await Verify.VerifyAsync(
            source,
            fixedSource,
            Verify.Diagnostic("EVF001").WithLocation(0).WithArguments("OrderPlaced", "property 'OrderId' has a setter; use 'init'"),
            Verify.Diagnostic("EVF001").WithLocation(1).WithArguments("OrderPlaced", "property 'Total' has a setter; use 'init'"));
    }

    [Fact]
    public async Task Field_becomes_readonly()
    {
        const string source = """
            using Eventfold;

            [Event]
            public struct StockCounted
            {
                public int {|EVF001:Count|};
                int {|EVF001:Warehouse|}, Shelf;
                public readonly string Sku;
            }
            """;
        const string fixedSource = """
            using Eventfold;

            [Event]
            public struct StockCounted
            {
                public readonly int Count;
                readonly int Warehouse, Shelf;
                public readonly string Sku;
            }
            """;

        await Verify.VerifyAsync(source, fixedSource);
    }

    /// <remarks>A target-typed <c>new()</c> initializer is spelled out, since an interface cannot be created.</remarks>
    [Fact]
    public async Task Mutable_collections_become_read_only_interfaces()
    {
        const string source = """
            using System.Collections.Generic;
            using Eventfold;

            [Event]
            public sealed record CartChecked({|#0:List<string>|} Lines, {|#1:string[]|} Codes)
            {
                public {|#2:Dictionary<string, decimal>|} Prices { get; init; } = new();
                public {|#3:HashSet<int>|}? Flags { get; init; }
                public {|#4:System.Collections.Generic.List<int>|} Quantities { get; init; } = new();
            }
            """;
        const string fixedSource = """
            using System.Collections.Generic;
            using Eventfold;

            [Event]
            public sealed record CartChecked(IReadOnlyList<string> Lines, IReadOnlyList<string> Codes)
            {
                public IReadOnlyDictionary<string, decimal> Prices { get; init; } = new Dictionary<string, decimal>();
                public IReadOnlySet<int>? Flags { get; init; }
                public IReadOnlyList<int> Quantities { get; init; } = new System.Collections.Generic.List<int>();
            }
            """;

        await Verify.VerifyAsync(
            source,
            fixedSource,
            Verify.Diagnostic("EVF001").WithLocation(0).WithArguments("CartChecked", "'Lines' has the mutable collection type 'List<string>'; use 'IReadOnlyList<string>'"),
            Verify.Diagnostic("EVF001").WithLocation(1).WithArguments("CartChecked", "'Codes' has the mutable collection type 'string[]'; use 'IReadOnlyList<string>'"),
            Verify.Diagnostic("EVF001").WithLocation(2).WithArguments("CartChecked", "'Prices' has the mutable collection type 'Dictionary<string, decimal>'; use 'IReadOnlyDictionary<string, decimal>'"),
            Verify.Diagnostic("EVF001").WithLocation(3).WithArguments("CartChecked", "'Flags' has the mutable collection type 'HashSet<int>'; use 'IReadOnlySet<int>'"),
            Verify.Diagnostic("EVF001").WithLocation(4).WithArguments("CartChecked", "'Quantities' has the mutable collection type 'List<int>'; use 'IReadOnlyList<int>'"));
    }

    [Fact]
    public async Task Array_fix_adds_the_using_directive_it_needs()
    {
        const string source = """
            using Eventfold;

            [Event]
            public sealed record Tagged(string Id, {|EVF001:string[]|} Tags);
            """;
        const string fixedSource = """
            using System.Collections.Generic;
            using Eventfold;

            [Event]
            public sealed record Tagged(string Id, IReadOnlyList<string> Tags);
            """;

        await Verify.VerifyAsync(source, fixedSource);
    }

    [Fact]
    public async Task Collection_without_a_read_only_counterpart_is_reported_without_a_fix()
    {
        const string source = """
            using System.Collections.Generic;
            using Eventfold;

            [Event]
            public sealed record Queued({|#0:Queue<string>|} Jobs);
            """;

        await Verify.VerifyAsync(
            source,
            source,
            remainingDiagnostics: [Verify.Diagnostic("EVF001").WithLocation(0).WithArguments("Queued", "'Jobs' has the mutable collection type 'Queue<string>'; use an immutable collection")],
            Verify.Diagnostic("EVF001").WithLocation(0).WithArguments("Queued", "'Jobs' has the mutable collection type 'Queue<string>'; use an immutable collection"));
    }

    [Fact]
    public async Task Positional_record_struct_becomes_readonly()
    {
        const string source = """
            using Eventfold;

            [Event]
            public partial record struct Moved(int {|EVF001:X|}, int {|EVF001:Y|});

            [Event]
            partial record struct Turned(int {|EVF001:Angle|});
            """;
        const string fixedSource = """
            using Eventfold;

            [Event]
            public readonly partial record struct Moved(int X, int Y);

            [Event]
            readonly partial record struct Turned(int Angle);
            """;

        await Verify.VerifyAsync(source, fixedSource);
    }

    [Fact]
    public async Task Fix_all_makes_every_member_immutable_in_one_pass()
    {
        const string source = """
            using System.Collections.Generic;
            using Eventfold;

            [Event]
            public sealed class Audited
            {
                public string By { get; {|EVF001:set|}; } = "";
                public {|EVF001:List<string>|} Notes { get; {|EVF001:set|}; } = new List<string>();
                private int {|EVF001:_count|};
            }

            [Event]
            public sealed record Closed({|EVF001:int[]|} Codes);
            """;
        const string fixedSource = """
            using System.Collections.Generic;
            using Eventfold;

            [Event]
            public sealed class Audited
            {
                public string By { get; init; } = "";
                public IReadOnlyList<string> Notes { get; init; } = new List<string>();
                private readonly int _count;
            }

            [Event]
            public sealed record Closed(IReadOnlyList<int> Codes);
            """;

        await Verify.VerifyAsync(source, fixedSource);
    }

    [Fact]
    public async Task Collection_interfaces_and_readonly_fields_of_mutable_collections_are_fixed()
    {
        const string source = """
            using System.Collections.Generic;
            using Eventfold;

            [Event]
            public sealed class Imported
            {
                public readonly {|EVF001:List<string>|} Names = new List<string>();
                public {|EVF001:IList<int>|} Rows { get; init; } = new List<int>();
                public {|EVF001:ICollection<int>|} Ids { get; init; } = new List<int>();
                public {|EVF001:IDictionary<string, int>|} Totals { get; init; } = new Dictionary<string, int>();
                public {|EVF001:ISet<string>|} Tags { get; init; } = new HashSet<string>();
            }
            """;
        const string fixedSource = """
            using System.Collections.Generic;
            using Eventfold;

            [Event]
            public sealed class Imported
            {
                public readonly IReadOnlyList<string> Names = new List<string>();
                public IReadOnlyList<int> Rows { get; init; } = new List<int>();
                public IReadOnlyCollection<int> Ids { get; init; } = new List<int>();
                public IReadOnlyDictionary<string, int> Totals { get; init; } = new Dictionary<string, int>();
                public IReadOnlySet<string> Tags { get; init; } = new HashSet<string>();
            }
            """;

        await Verify.VerifyAsync(source, fixedSource);
    }

    [Fact]
    public async Task Generated_event_types_are_not_reported()
    {
        var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<EventMutabilityAnalyzer, DefaultVerifier>
        {
            ReferenceAssemblies = Verifiers.TestReferences.None,
        };
        Verifiers.TestReferences.Apply(test.TestState);
        test.TestState.Sources.Add(("CustomerState.g.cs", """
            // <auto-generated/>
            [Eventfold.Event("customer.state")]
            public sealed class CustomerState { public string Name { get; set; } = ""; }
            """));

        await test.RunAsync();
    }
}
