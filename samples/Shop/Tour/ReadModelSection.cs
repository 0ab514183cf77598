using Eventfold;
using Shop.ReadModel;
using static Shop.ShopConsole;

namespace Shop.Tour;

/// <summary>CQRS: the shipping board, kept live by its hosted projection runner; a failing handler parks the event, an operator replays it.</summary>
public sealed class ReadModelSection(ProjectionRunner<ShippingBoard> board)
{
    /// <summary>Makes the board's payment handler fail once for this order, as a briefly unavailable database would.</summary>
    public void FailOnceFor(string orderId) => board.Projection.FailOnceFor = orderId;

    public async Task RunAsync(string orderId, CancellationToken ct)
    {
        Heading("A read model kept live by a hosted projection runner; a failing handler parks the event");
        Note($"the runner follows the log in the background; its handlers are generated for {string.Join(", ", ProjectionRunner<ShippingBoard>.HandledEventNames)}, the only events the store delivers to it");
        // The order's payment reached the board's handler, which refused it once (see FailOnceFor): it is parked.
        await Eventually.HoldsAsync(() => Parked(orderId, ct), ct);
        // The runner went on past the parked payment: the shipment that followed it is on the board.
        await Eventually.HoldsAsync(() => board.Projection.Orders.TryGetValue(orderId, out var row) && row.Carrier is not null, ct);
        Note($"board: {orderId} {Row(orderId)}");
        foreach (var parked in await board.ListParkedAsync(ct))
        {
            Note($"parked: {parked.EventName} of {parked.Stream} v{parked.Version} at {parked.Position}: {parked.Error}");
        }

        Command("the board's database is back: replay the parked events");
        Note($"replayed {await board.ReplayAllParkedAsync(ct)}; still parked: {(await board.ListParkedAsync(ct)).Count}");
        Note($"board: {orderId} {Row(orderId)}");
    }

    private async Task<bool> Parked(string orderId, CancellationToken ct) =>
        (await board.ListParkedAsync(ct)).Any(p => p.Stream.EndsWith(orderId, StringComparison.Ordinal));

    private string Row(string id) =>
        board.Projection.Orders.TryGetValue(id, out var row) ? $"paid {row.Paid:0.00}, shipped by {row.Carrier ?? "-"}" : "not on the board";
}
