using Eventfold.Analyzers.Rules;
using Eventfold.Analyzers.Tests.Verifiers;

namespace Eventfold.Analyzers.Tests.Rules;

/// <summary>
/// EVF005 (a version from which no chain of upcasters reaches the latest), EVF040 (two upcasters from one
/// version), EVF041 (an upcaster that does not lead to the next version), EVF042 (a cycle).
/// </summary>
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
            AnalyzerVerifier<UpcasterChainAnalyzer>.Diagnostic("EVF005").WithLocation(0).WithArguments("type 'OrderPlacedV1'", 1, "OrderPlaced", 3));
    }

    [Fact]
    public async Task A_version_stored_only_as_JSON_without_a_way_forward_is_reported_on_its_upcaster()
    {
        const string source = """
            using System.Text.Json.Nodes;
            using Eventfold;

            [Event("Shipped", Version = 1)] public sealed record ShippedV1(string OrderId);
            [Event("Shipped", Version = 4)] public sealed record Shipped(string OrderId, string Carrier);

            public static class Upcasts
            {
                // 1 -> 2 -> 3 in JSON, and nothing leads on from 3: neither version 1 nor version 2 reaches 4.
                [Upcaster("Shipped", FromVersion = 1)] public static JsonObject {|#1:ShippedV1|}(JsonObject o) => o;
                [Upcaster("Shipped", FromVersion = 2)] public static JsonObject {|#2:ShippedV2|}(JsonObject o) => o;
            }
            """;

        await Verify(
            source.Replace("record ShippedV1", "record {|#0:ShippedV1|}"),
            Diagnostic("EVF005").WithLocation(0).WithArguments("type 'ShippedV1'", 1, "Shipped", 4),
            Diagnostic("EVF041").WithLocation(2).WithArguments("Upcasts.ShippedV2", 2, "Shipped", "it produces version 3, which no [Event] type and no upcaster of 'Shipped' reads"),
            Diagnostic("EVF005").WithLocation(2).WithArguments("JSON read by 'Upcasts.ShippedV2'", 2, "Shipped", 4));
    }

    [Fact]
    public async Task Two_upcasters_from_one_version_are_both_reported_and_a_single_one_is_not()
    {
        const string source = """
            using System.Text.Json.Nodes;
            using Eventfold;

            [Event("OrderPlaced", Version = 1)] public sealed record OrderPlacedV1(string OrderId);
            [Event("OrderPlaced", Version = 2)] public sealed record OrderPlaced(string OrderId, string Customer);
            [Event("Paid", Version = 1)] public sealed record PaidV1(string OrderId);
            [Event("Paid", Version = 2)] public sealed record Paid(string OrderId, decimal Amount);

            public static class Upcasts
            {
                [Upcaster] public static OrderPlaced {|#0:ToV2|}(OrderPlacedV1 e) => new(e.OrderId, "unknown");
                [Upcaster("OrderPlaced", FromVersion = 1)] public static JsonObject {|#1:PlacedV1|}(JsonObject o) => o;
                [Upcaster] public static Paid PaidToV2(PaidV1 e) => new(e.OrderId, 0m);
            }
            """;

        await Verify(
            source,
            Diagnostic("EVF040").WithLocation(1).WithArguments("Upcasts.PlacedV1", 1, "OrderPlaced", "'Upcasts.ToV2'"),
            Diagnostic("EVF040").WithLocation(0).WithArguments("Upcasts.ToV2", 1, "OrderPlaced", "'Upcasts.PlacedV1'"));
    }

    [Fact]
    public async Task An_upcaster_to_another_event_or_past_a_declared_version_is_reported()
    {
        const string source = """
            using Eventfold;

            [Event("OrderPlaced", Version = 1)] public sealed record OrderPlacedV1(string OrderId);
            [Event("OrderPlaced", Version = 2)] public sealed record OrderPlacedV2(string OrderId, string Customer);
            [Event("OrderPlaced", Version = 3)] public sealed record OrderPlaced(string OrderId, string Customer, decimal Total);
            [Event("Paid", Version = 2)] public sealed record Paid(string OrderId);

            public static class Upcasts
            {
                [Upcaster] public static OrderPlaced {|#0:Skip|}(OrderPlacedV1 e) => new(e.OrderId, "unknown", 0m);
                [Upcaster] public static Paid {|#1:Elsewhere|}(OrderPlacedV2 e) => new(e.OrderId);
            }
            """;

        await Verify(
            source.Replace("record OrderPlacedV1", "record {|#2:OrderPlacedV1|}").Replace("record OrderPlacedV2", "record {|#3:OrderPlacedV2|}"),
            Diagnostic("EVF041").WithLocation(0).WithArguments("Upcasts.Skip", 1, "OrderPlaced", "it returns version 3, skipping version 2, which is declared: events read from version 1 would miss the upcaster of version 2"),
            Diagnostic("EVF041").WithLocation(1).WithArguments("Upcasts.Elsewhere", 2, "OrderPlaced", "it returns version 2 of 'Paid', another event"),
            Diagnostic("EVF005").WithLocation(2).WithArguments("type 'OrderPlacedV1'", 1, "OrderPlaced", 3),
            Diagnostic("EVF005").WithLocation(3).WithArguments("type 'OrderPlacedV2'", 2, "OrderPlaced", 3));
    }

    [Fact]
    public async Task Upcasters_that_lead_back_to_their_start_are_reported_as_a_cycle()
    {
        const string source = """
            using Eventfold;

            [Event("OrderPlaced", Version = 1)] public sealed record {|#2:OrderPlacedV1|}(string OrderId);
            [Event("OrderPlaced", Version = 2)] public sealed record {|#3:OrderPlacedV2|}(string OrderId, string Customer);
            [Event("OrderPlaced", Version = 3)] public sealed record OrderPlaced(string OrderId, string Customer, decimal Total);

            public static class Upcasts
            {
                [Upcaster] public static OrderPlacedV2 {|#0:ToV2|}(OrderPlacedV1 e) => new(e.OrderId, "unknown");
                [Upcaster] public static OrderPlacedV1 {|#1:Back|}(OrderPlacedV2 e) => new(e.OrderId);
            }
            """;

        await Verify(
            source,
            Diagnostic("EVF042").WithLocation(0).WithArguments("Upcasts.ToV2", "'OrderPlaced' 1 -> 2 -> 1"),
            Diagnostic("EVF042").WithLocation(1).WithArguments("Upcasts.Back", "'OrderPlaced' 2 -> 1 -> 2"),
            Diagnostic("EVF005").WithLocation(2).WithArguments("type 'OrderPlacedV1'", 1, "OrderPlaced", 3),
            Diagnostic("EVF005").WithLocation(3).WithArguments("type 'OrderPlacedV2'", 2, "OrderPlaced", 3));
    }

    [Fact]
    public async Task A_chain_of_typed_and_JSON_steps_to_the_latest_is_not_reported()
    {
        const string source = """
            using System.Text.Json.Nodes;
            using Eventfold;

            [Event("parcel.sent", Version = 1)] public sealed record ParcelSentV1(string ParcelId);
            [Event("parcel.sent", Version = 2)] public sealed record ParcelSentV2(string ParcelId, int Boxes);
            [Event("parcel.sent", Version = 4)] public sealed record ParcelSent(string ParcelId, int Boxes, string Carrier, string Note);

            public static class ParcelUpcasts
            {
                [Upcaster] public static ParcelSentV2 ToV2(ParcelSentV1 e) => new(e.ParcelId, 1);
                [Upcaster("parcel.sent", FromVersion = 2)] public static JsonObject AddCarrier(JsonObject v2) => v2;
                [Upcaster("parcel.sent", FromVersion = 3)] public static JsonObject AddNote(JsonObject v3) => v3;
            }
            """;

        await Verify(source);
    }

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Diagnostic(string id) => AnalyzerVerifier<UpcasterChainAnalyzer>.Diagnostic(id);

    private static Task Verify(string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected) =>
        AnalyzerVerifier<UpcasterChainAnalyzer>.VerifyAsync(source, expected);

    [Fact]
    public async Task A_typed_upcaster_of_a_published_state_two_aggregates_could_own_is_reported()
    {
        // The generator is not run here: the records stand for the state generator's output, declared as it writes them.
        const string source = """
            using Eventfold;

            namespace Sales
            {
                [Aggregate("customer"), PublishesState(Version = 2)] public sealed partial class Customer { }
                [Event("customer.state", Version = 2)] public sealed record CustomerState(string Id, long Version, string Name, string Tier) : IPublishedState;
                [Event("customer.state", Version = 1)] public sealed record CustomerStateV1(string Id, long Version, string Name);

                public static class Upcasts
                {
                    [Upcaster] public static CustomerState {|#0:ToV2|}(CustomerStateV1 old) => new(old.Id, old.Version, old.Name, "standard");
                }
            }

            namespace Support
            {
                [Aggregate("support-customer"), PublishesState] public sealed partial class Customer { }
                [Event("support-customer.state", Version = 1)] public sealed record CustomerState(string Id, long Version) : IPublishedState;
            }
            """;

        await AnalyzerVerifier<UpcasterChainAnalyzer>.VerifyAsync(
            source,
            AnalyzerVerifier<UpcasterChainAnalyzer>.Diagnostic("EVF045").WithLocation(0).WithArguments("Upcasts.ToV2", "CustomerState", "Customer"));
    }

    [Fact]
    public async Task A_typed_upcaster_of_the_only_aggregate_of_its_name_is_not_reported()
    {
        const string source = """
            using Eventfold;

            namespace Sales
            {
                [Aggregate("customer"), PublishesState(Version = 2)] public sealed partial class Customer { }
                [Event("customer.state", Version = 2)] public sealed record CustomerState(string Id, long Version, string Name, string Tier) : IPublishedState;
                [Event("customer.state", Version = 1)] public sealed record CustomerStateV1(string Id, long Version, string Name);

                public static class Upcasts
                {
                    [Upcaster] public static CustomerState ToV2(CustomerStateV1 old) => new(old.Id, old.Version, old.Name, "standard");
                }
            }
            """;

        await AnalyzerVerifier<UpcasterChainAnalyzer>.VerifyAsync(source);
    }
}
