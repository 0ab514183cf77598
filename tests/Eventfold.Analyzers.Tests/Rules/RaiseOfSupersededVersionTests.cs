using Eventfold.Analyzers.Rules;
using Eventfold.Analyzers.Tests.Verifiers;

namespace Eventfold.Analyzers.Tests.Rules;

/// <summary>EVF019: Raise of an event version that a later one supersedes.</summary>
public sealed class RaiseOfSupersededVersionTests
{
    private const string Source = """
        using Eventfold;

        [Event("OrderPlaced", Version = 1)] public sealed record OrderPlacedV1(string OrderId);
        [Event("OrderPlaced", Version = 2)] public sealed record OrderPlacedV2(string OrderId, string Customer);
        [Event("OrderPlaced", Version = 3)] public sealed record OrderPlaced(string OrderId, string Customer, decimal Total);
        [Event] public sealed record OrderShipped;

        [Aggregate("order")]
        public sealed partial class Order
        {
            public void Old() => Raise({|#0:new OrderPlacedV1("o")|});
            public void Older() { var e = new OrderPlacedV2("o", "c"); Raise({|#1:e|}); }
            public void Latest() => Raise(new OrderPlaced("o", "c", 1m));
            public void Unversioned() => Raise(new OrderShipped());
            private void Apply(OrderPlaced e) { }
            private void Apply(OrderShipped e) { }
        }

        public sealed partial class Order
        {
            private void Raise(object @event) { }
        }
        """;

    [Fact]
    public async Task Raise_of_an_older_version_is_reported_naming_the_latest_and_the_latest_is_not()
    {
        await AnalyzerVerifier<RaiseOfSupersededVersionAnalyzer>.VerifyAsync(
            Source,
            AnalyzerVerifier<RaiseOfSupersededVersionAnalyzer>.Diagnostic("EVF019").WithLocation(0).WithArguments("Order", "OrderPlacedV1", 1, "OrderPlaced", 3, "OrderPlaced"),
            AnalyzerVerifier<RaiseOfSupersededVersionAnalyzer>.Diagnostic("EVF019").WithLocation(1).WithArguments("Order", "OrderPlacedV2", 2, "OrderPlaced", 3, "OrderPlaced"));
    }
}
