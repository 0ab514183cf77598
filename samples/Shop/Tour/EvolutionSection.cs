using Eventfold;
using Shop.Domain;
using static Shop.ShopConsole;

namespace Shop.Tour;

/// <summary>Schema evolution and snapshots, on the loyalty aggregate: a version 1 event read as version 2, and loads from a snapshot.</summary>
public sealed class EvolutionSection(IEventStore store, AggregateRepository<Customer> loyalty)
{
    public async Task RunAsync(CancellationToken ct)
    {
        Heading("Schema evolution: a member the first release registered, read by this one");
        string memberId = $"c-{Guid.NewGuid():N}"[..10];
        string memberStream = AggregateRepository<Customer>.StreamFor(memberId);
        // Written exactly as the first release wrote it: an instance of the version 1 type is stored as version 1.
        Command($"the first release registers {memberId}: CustomerRegistered version 1, no email");
        await store.AppendAsync(memberStream, ExpectedVersion.NoStream, [new EventData(new CustomerRegisteredV1(memberId, "Ada"), Guid.NewGuid(), EventMetadata.Empty)], ct);
        await foreach (var e in store.ReadStreamAsync(memberStream, default, ct))
        {
            Note($"stored as {e.EventName} v{e.SchemaVersion}, read through the upcaster as {e.Event}");
        }

        var member = (await loyalty.LoadAsync(memberId, ct))!;
        State(member);

        Heading("A snapshotted aggregate: Customer keeps a snapshot every 5 events");
        Command("earn points for 12 orders and redeem a mug, saving after each");
        for (int i = 1; i <= 12; i++)
        {
            member.EarnPoints(10, $"order {i}");
            await loyalty.SaveAsync(member, ct);
        }

        member.Redeem("mug", 50);
        await loyalty.SaveAsync(member, ct);
        State(member);

        // A save writes its snapshot in the background; the last crossing of a multiple of 5 events was at v9.
        Snapshot? snapshot = null;
        await Eventually.HoldsAsync(async () => (snapshot = await store.GetSnapshotAsync(memberStream, ct))?.Version == 9, ct);
        if (snapshot is not null)
        {
            Note($"snapshot at v{snapshot.Version} ({snapshot.StateType}): {System.Text.Encoding.UTF8.GetString(snapshot.Data)}");
        }

        var restored = (await loyalty.LoadAsync(memberId, ct))!;
        Note($"loaded: the snapshot at v{snapshot?.Version}, then the {restored.Version - (snapshot?.Version ?? -1)} events after it");
        State(restored);
    }
}
