using Eventfold.Analyzers.Rules;
using Eventfold.Analyzers.Tests.Verifiers;

namespace Eventfold.Analyzers.Tests.Rules;

/// <summary>EVF005: a version from which no chain of upcasters reaches the latest.</summary>
public sealed class UpcasterChainTests
{
    [Fact]
    public async Task A_version_without_a_way_forward_is_reported_and_chained_versions_are_not()
    {
        const string source = """
            using System.Text.Json.Nodes;
            using Eventfold;

            [Event("OrderPlaced", Version = 1)] public sealed record {|#0:OrderPlacedV1|}(string OrderId);
            [Event("OrderPlaced", Version = 2)] public sealed record OrderPlacedV2(string OrderId, string Customer);
            [Event("OrderPlaced", Version = 3)] public sealed record OrderPlaced(string OrderId, string Customer, decimal Total);

            [Event("Shipped", Version = 1)] public sealed record ShippedV1(string OrderId);
            [Event("Shipped", Version = 3)] public sealed record Shipped(string OrderId, string Carrier);

            [Event("Paid")] public sealed record Paid(string OrderId);

            public static class Upcasts
            {
                [Upcaster] public static OrderPlaced ToV3(OrderPlacedV2 e) => new(e.OrderId, e.Customer, 0m);

                // Shipped 1 -> 2 in JSON (version 2 has no class any more), then 2 -> 3 in JSON too.
                [Upcaster("Shipped", FromVersion = 1)] public static JsonObject ShippedV1(JsonObject o) => o;
                [Upcaster("Shipped", FromVersion = 2)] public static JsonObject ShippedV2(JsonObject o) => o;
            }
            """;

        await AnalyzerVerifier<UpcasterChainAnalyzer>.VerifyAsync(
            source,
            AnalyzerVerifier<UpcasterChainAnalyzer>.Diagnostic("EVF005").WithLocation(0).WithArguments("OrderPlacedV1", 1, "OrderPlaced", 3));
    }
}
