namespace Eventfold.Generators.Tests;

/// <summary>Projection inputs for the generator tests.</summary>
internal static class ProjectionSamples
{
    /// <summary>The OrderTotals projection of API.md over <see cref="Samples.OrderEvents"/>, with every On shape.</summary>
    public const string OrderTotals = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Eventfold;

        namespace Shop.Orders;

        [Event] public sealed record OrderCancelled(string OrderId);
        [Event("order.noted")] public readonly record struct OrderNoted(string OrderId, string Text);
        [Event] public sealed record OrderRated(string OrderId, int Stars);

        [Projection("order-totals")]
        public sealed partial class OrderTotals
        {
            public Dictionary<string, decimal> ByCustomer { get; } = new();
            public List<string> Seen { get; } = new();

            private void On(OrderPlaced e) => ByCustomer[e.CustomerId] = ByCustomer.GetValueOrDefault(e.CustomerId) + e.Total;
            private Task On(OrderShipped e, EventContext ctx, CancellationToken ct) { Seen.Add("shipped@" + ctx.Stream); return Task.CompletedTask; }
            private ValueTask On(OrderCancelled e, CancellationToken ct) { Seen.Add("cancelled"); return default; }
            private void On(OrderNoted e, EventContext ctx) => Seen.Add("noted:" + ctx.Version);
            private async Task On(OrderRated e) { await Task.Yield(); Seen.Add("rated"); }
        }
        """;

    /// <summary>A projection nested in a class of the global namespace, with no On method.</summary>
    public const string NestedEmpty = """
        using Eventfold;

        public static partial class Views
        {
            [Projection("nothing")]
            internal sealed partial class Nothing { }
        }
        """;

    /// <summary>A projection that declares its streams may be handled four at a time.</summary>
    public const string ParallelDevices = """
        using Eventfold;

        namespace Telemetry;

        [Event("device.reading")] public sealed record Reading(string Device, double Value);

        [Projection("device-totals", ParallelStreams = 4)]
        public sealed partial class DeviceTotals
        {
            public double Sum { get; private set; }

            private void On(Reading e) => Sum += e.Value;
        }
        """;
}
