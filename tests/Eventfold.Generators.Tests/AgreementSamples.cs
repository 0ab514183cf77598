namespace Eventfold.Generators.Tests;

/// <summary>
/// Shared samples for <see cref="GeneratorAndAnalyzersAgreeTests"/>: valid ones must get code and no
/// diagnostic; each invalid one must get its diagnostic and no generated code for the mistake.
/// </summary>
internal static class AgreementSamples
{
    private const string Events = """
        using System.Threading.Tasks;
        using Eventfold;

        public interface INote { string Text { get; } }
        [Event] public record LineAdded(string Sku, decimal Price);
        [Event] public sealed record PromotionalLineAdded(string Sku, decimal Price, decimal Discount) : LineAdded(Sku, Price);
        [Event] public sealed record GiftNote(string Text) : INote;
        [Event] public sealed record Checked(int Count);
        public sealed record NotAnEvent;

        """;

    /// <summary>Inputs that both the generator and the analyzers accept.</summary>
    public static readonly (string Name, string Source)[] Valid =
    [
        ("DerivedAndInterfaceEvents", Events + """
            [Aggregate("cart")]
            public sealed partial class Cart
            {
                public decimal Total { get; private set; }
                public void Add() => Raise(new PromotionalLineAdded("a", 2m, 1m));   // handled by 'case LineAdded'
                public void Note() => Raise(new GiftNote("hi"));                      // handled by 'case INote'
                private void Apply(LineAdded e) => Total += e.Price;
                private void Apply(INote e) { }
            }
            """),
        ("BaseClassApply", Events + """
            public abstract class CartBase
            {
                public int Checks { get; private set; }
                protected void Apply(Checked e) => Checks += e.Count;
            }

            [Aggregate("cart")]
            public sealed partial class Cart : CartBase
            {
                public void Check() => Raise(new Checked(1));
                private void Apply(in LineAdded e) { }
            }
            """),
        ("ConstructorWithOptionalParameters", Events + """
            [Aggregate("cart")]
            public sealed partial class Cart
            {
                private Cart(int size = 1) { }
                public void Check() => Raise(new Checked(1));
                private void Apply(Checked e) { }
            }
            """),
        ("SnapshotOfRoundTrippingState", Events + """
            public sealed record Money(decimal Amount, string Currency);
            [Aggregate("cart", SnapshotEvery = 5)]
            public sealed partial class Cart
            {
                private int _checks;
                private readonly System.Collections.Generic.Dictionary<string, Money> _lines = new();
                public Money? Last { get; private set; }
                public System.Collections.Generic.List<string> Notes { get; } = [];
                public void Check() => Raise(new Checked(1));
                private void Apply(Checked e) => _checks += e.Count;
            }
            """),
    ];

    /// <summary>
    /// Inputs each with one mistake: the diagnostic ID it must get, the generated file to look in, and
    /// text that file must not contain (null: the file must not be generated at all).
    /// </summary>
    public static readonly (string Name, string Source, string Id, string HintName, string? MustNotContain)[] Invalid =
    [
        ("ApplyReturnsBool", Events + """
            [Aggregate("cart")] public sealed partial class Cart { private bool Apply(Checked e) => true; }
            """, "EVF008", "Cart.g.cs", "case global::Checked"),
        ("ApplyTakesVersion", Events + """
            [Aggregate("cart")] public sealed partial class Cart { private void Apply(Checked e, long version) { } }
            """, "EVF008", "Cart.g.cs", "case global::Checked"),
        ("ApplyTakesObject", Events + """
            [Aggregate("cart")] public sealed partial class Cart { private void Apply(object e) { } }
            """, "EVF008", "Cart.g.cs", "case object"),
        ("PrivateBaseApply", Events + """
            public abstract class CartBase { private void Apply(Checked e) { } }
            [Aggregate("cart")] public sealed partial class Cart : CartBase { }
            """, "EVF008", "Cart.g.cs", "case global::Checked"),
        ("BaseApplyHiddenByDerivedOverload", Events + """
            public abstract class CartBase { protected void Apply(PromotionalLineAdded e) { } }
            [Aggregate("cart")] public sealed partial class Cart : CartBase { private void Apply(LineAdded e) { } }
            """, "EVF008", "Cart.g.cs", "case global::PromotionalLineAdded"),
        ("RaiseWithoutApply", Events + """
            [Aggregate("cart")] public sealed partial class Cart { public void Check() => Raise(new Checked(1)); }
            """, "EVF003", "Cart.g.cs", "case global::Checked"),
        ("GenericAggregate", Events + """
            [Aggregate("cart")] public sealed partial class Cart<T> { }
            """, "EVF011", "Cart.g.cs", null),
        ("AbstractAggregate", Events + """
            [Aggregate("cart")] public abstract partial class Cart { }
            """, "EVF011", "Cart.g.cs", null),
        ("StaticAggregate", Events + """
            [Aggregate("cart")] public static partial class Cart { }
            """, "EVF011", "Cart.g.cs", null),
        ("NoParameterlessConstructor", Events + """
            [Aggregate("cart")] public sealed partial class Cart(string owner) { public string Owner => owner; }
            """, "EVF012", "Cart.g.cs", null),
        ("RequiredMember", Events + """
            [Aggregate("cart")] public sealed partial class Cart { public required string Owner { get; init; } }
            """, "EVF013", "Cart.g.cs", null),
        ("DeclaresId", Events + """
            [Aggregate("cart")] public sealed partial class Cart { public string Id => "fixed"; }
            """, "EVF014", "Cart.g.cs", null),
        ("DeclaresRaise", Events + """
            [Aggregate("cart")] public sealed partial class Cart { private void Raise(object e) { } }
            """, "EVF014", "Cart.g.cs", null),
        ("InheritsVersion", Events + """
            public abstract class Entity { public long Version { get; protected set; } }
            [Aggregate("cart")] public sealed partial class Cart : Entity { }
            """, "EVF014", "Cart.g.cs", null),
        ("EmptyCategory", Events + """
            [Aggregate("")] public sealed partial class Cart { }
            """, "EVF016", "Cart.g.cs", null),
        ("PrivateEvent", Events + """
            public class Outer { [Event] private sealed record Hidden(int V); }
            """, "EVF015", "EventfoldEventRegistration.g.cs", "Outer.Hidden>"),
        ("GenericEvent", Events + """
            [Event] public sealed record Wrapped<T>(T V);
            """, "EVF015", "EventfoldEventRegistration.g.cs", "global::Wrapped<"),
        ("FileLocalEvent", Events + """
            [Event] file sealed record Local(int V);
            """, "EVF015", "EventfoldEventRegistration.g.cs", "Local>"),
        ("VersionZero", Events + """
            [Event(Version = 0)] public sealed record Zero(int V);
            """, "EVF016", "EventfoldEventRegistration.g.cs", "global::Zero>"),
        ("RaiseOfNonEvent", Events + """
            [Aggregate("cart")] public sealed partial class Cart { public void Oops() => Raise(new NotAnEvent()); }
            """, "EVF017", "Cart.g.cs", "case global::NotAnEvent"),
        ("SnapshotOfReadonlyField", Events + """
            [Aggregate("cart", SnapshotEvery = 5)] public sealed partial class Cart { private readonly decimal _limit = 1m; private void Apply(Checked e) { } }
            """, "EVF043", "Cart.g.cs", "RestoreSnapshot"),
        ("SnapshotOfBaseClassState", Events + """
            public abstract class CartBase { private int _touched; protected void Touch() => _touched++; }
            [Aggregate("cart", SnapshotEvery = 5)] public sealed partial class Cart : CartBase { private void Apply(Checked e) => Touch(); }
            """, "EVF043", "Cart.g.cs", "RestoreSnapshot"),
        ("SnapshotOfTuple", Events + """
            [Aggregate("cart", SnapshotEvery = 5)] public sealed partial class Cart { private (string Sku, int Count) _last; private void Apply(Checked e) => _last = ("a", e.Count); }
            """, "EVF044", "Cart.g.cs", "RestoreSnapshot"),
        ("SnapshotOfPrivateSetterInside", Events + """
            public sealed class Money { public decimal Amount { get; private set; } }
            [Aggregate("cart", SnapshotEvery = 5)] public sealed partial class Cart { public Money Total { get; private set; } = new(); private void Apply(Checked e) { } }
            """, "EVF044", "Cart.g.cs", "RestoreSnapshot"),
    ];
}
