using Verify = Eventfold.Analyzers.Tests.Verifiers.AnalyzerVerifier<Eventfold.Analyzers.Rules.SnapshotStateAnalyzer>;

namespace Eventfold.Analyzers.Tests.Rules;

/// <summary>EVF043 and EVF044: snapshotted aggregates whose state the generated capture and restore cannot round-trip.</summary>
public sealed class SnapshotStateTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using Eventfold;

        [Event("posted")] public sealed record Posted(decimal Amount);
        public interface IShape { }
        public enum Tier { Basic, Gold }
        public sealed record Money(decimal Amount, string Currency);
        public readonly record struct Range(int From, int To);
        public sealed class Limits { public decimal Daily { get; set; } public decimal Total => Daily * 30; }
        public sealed class Account { public Account(string owner) => Owner = owner; public string Owner { get; } }

        """;

    [Fact]
    public async Task State_that_round_trips_is_not_reported()
    {
        const string source = Usings + """
            public sealed class Counter { [JsonInclude] public int Count { get; private set; } [JsonIgnore] public string Cache { get; private set; } = ""; }

            [Aggregate("ledger", SnapshotEvery = 10)]
            public sealed partial class Ledger
            {
                private int _postings;
                private readonly Dictionary<string, Money> _balances = new();
                public List<Range> Ranges { get; } = [];
                public decimal Total { get; private set; }
                public Tier Tier { get; private set; }
                public Money? Last { get; private set; }
                public Limits Limits { get; private set; } = new();
                public Account Account { get; private set; } = new("");
                public Counter Counter { get; private set; } = new();
                public IReadOnlyList<Money> History { get; private set; } = [];
                public int Postings => _postings;
                private void Apply(Posted e) { _postings++; Total += e.Amount; }
            }

            [Aggregate("plain")]
            public sealed partial class WithoutSnapshots
            {
                private readonly object _gate = new();
                public string Name { get; } = "";
                private void Apply(Posted e) { }
            }
            """;

        await Verify.VerifyAsync(source);
    }

    [Fact]
    public async Task State_the_restore_cannot_put_back_is_EVF043()
    {
        const string source = Usings + """
            public abstract class Entity { private int _touched; protected void Touch() => _touched++; }

            [Aggregate("ledger", SnapshotEvery = 10)]
            public sealed partial class {|#3:Ledger|} : Entity
            {
                private readonly decimal {|#0:_limit|} = 100m;
                public string {|#1:Owner|} { get; } = "";
                public Tier {|#2:Tier|} { get; init; }
                public List<string> Memos { get; } = [];
                private void Apply(Posted e) => Touch();
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic("EVF043").WithLocation(0).WithArguments("Ledger", "readonly field '_limit' of type decimal cannot be restored: remove 'readonly', or make it a collection"),
            Verify.Diagnostic("EVF043").WithLocation(1).WithArguments("Ledger", "get-only property 'Owner' of type string cannot be restored: add 'private set;', or make it a collection"),
            Verify.Diagnostic("EVF043").WithLocation(2).WithArguments("Ledger", "init-only property 'Tier' of type Tier cannot be restored: make 'init' a 'private set', or make it a collection"),
            Verify.Diagnostic("EVF043").WithLocation(3).WithArguments("Ledger", "field '_touched' of the base class 'Entity' cannot be captured: a snapshot holds the aggregate's own members only, so move that state into 'Ledger'"));
    }

    [Fact]
    public async Task Values_System_Text_Json_does_not_read_back_are_EVF044()
    {
        const string source = Usings + """
            public sealed class Balance { public decimal Amount { get; private set; } }
            public struct Point { public int X; public int Y; }
            public sealed record Line(IShape Shape);

            [Aggregate("ledger", SnapshotEvery = 10)]
            public sealed partial class Ledger
            {
                private object? {|#0:_last|};
                private (string Sku, int Quantity) {|#1:_lastLine|};
                public IShape? {|#2:Shape|} { get; private set; }
                private Balance {|#3:_balance|} = new();
                public Point {|#4:Origin|} { get; private set; }
                public List<Line> {|#5:Lines|} { get; } = [];
                private System.Func<int>? {|#6:_next|};
                public Money Fine { get; private set; } = new(0m, "EUR");
                private void Apply(Posted e) { }
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic("EVF044").WithLocation(0).WithArguments("Ledger", "member '_last' of type object is read back as a JsonElement, not as the value that was written: give it a concrete type"),
            Verify.Diagnostic("EVF044").WithLocation(1).WithArguments("Ledger", "member '_lastLine' of tuple type (string Sku, int Quantity) comes back empty: a tuple's items are fields, which System.Text.Json leaves out; use a record"),
            Verify.Diagnostic("EVF044").WithLocation(2).WithArguments("Ledger", "member 'Shape' of type IShape, an interface without [JsonPolymorphic], cannot be created on reading"),
            Verify.Diagnostic("EVF044").WithLocation(3).WithArguments("Ledger", "member '_balance.Amount' is written but never set back on reading: give it a public setter or init, a constructor parameter of its name, or [JsonInclude]"),
            Verify.Diagnostic("EVF044").WithLocation(4).WithArguments("Ledger", "member 'Origin.X' is a field, which System.Text.Json leaves out: make it a property, or mark it [JsonInclude]"),
            Verify.Diagnostic("EVF044").WithLocation(5).WithArguments("Ledger", "member 'Lines[].Shape' of type IShape, an interface without [JsonPolymorphic], cannot be created on reading"),
            Verify.Diagnostic("EVF044").WithLocation(6).WithArguments("Ledger", "member '_next' of type Func<int> cannot be written as JSON"));
    }

    [Fact]
    public async Task An_aggregate_the_generator_skips_gets_only_its_own_diagnostics()
    {
        // Abstract: EVF011 says why nothing is generated; a snapshot rule would add noise.
        const string source = Usings + """
            [Aggregate("ledger", SnapshotEvery = 10)]
            public abstract partial class Ledger
            {
                private readonly decimal _limit = 100m;
                private void Apply(Posted e) { }
            }
            """;

        await Verify.VerifyAsync(source);
    }
}
