using Eventfold.Sqlite.CrashHost;

namespace Eventfold.Sqlite.Tests.StateTransfer;

/// <summary>The consumer's replica of published customer state, kept in the consumer's own SQLite file.</summary>
[StateReplica("crashcustomer.state")]
public sealed partial record CustomerCopy(string Id, long Version, string Name);

/// <summary>A durable replica restarts from its own file: it has its copy at once and reads only what was published since.</summary>
public sealed class DurableReplicaTests : IDisposable
{
    private readonly TempDatabase _db = new();

    [Fact]
    public async Task A_restarted_replica_has_its_copy_and_reads_only_new_states()
    {
        string replicaFile = Path.Combine(_db.Folder, "shipping.db");
        await using var store = new SqliteEventStore(_db.Path);
        var customers = new AggregateRepository<CrashCustomer>(store);
        for (int i = 0; i < 5; i++)
        {
            var customer = customers.Create("c" + i);
            customer.Rename("name " + i, i);
            await customers.SaveAsync(customer);
        }

        using (var storage = new SqliteStateReplicaStorage(replicaFile))
        {
            var first = new StateReplica<CustomerCopy>(store, new StateReplicaOptions { Storage = storage });
            await first.CatchUpAsync();
            Assert.Equal(5, first.All.Count);
        }

        var renamed = (await customers.LoadAsync("c2"))!;
        renamed.Rename("renamed", 7);
        await customers.SaveAsync(renamed);

        using (var storage = new SqliteStateReplicaStorage(replicaFile))
        {
            var restarted = new StateReplica<CustomerCopy>(store, new StateReplicaOptions { Storage = storage });
            var changes = new List<StateReplicaChange<CustomerCopy>>();
            restarted.Changed += (_, change) => changes.Add(change);

            await restarted.CatchUpAsync();

            // Only the state published after the restart was read; the rest came from the file.
            var change = Assert.Single(changes);
            Assert.Equal(new CustomerCopy("c2", 0, "name 2"), change.Previous);
            Assert.Equal(new CustomerCopy("c2", 1, "renamed"), change.Current);
            Assert.Equal(5, restarted.All.Count);
            Assert.Equal(new CustomerCopy("c4", 0, "name 4"), restarted.Get("c4"));
        }
    }

    [Fact]
    public async Task On_SQLite_a_state_stream_keeps_only_its_newest_states_and_a_restarted_replica_still_reaches_the_newest()
    {
        string replicaFile = Path.Combine(_db.Folder, "bounded.db");
        await using var store = new SqliteEventStore(_db.Path);
        var customers = new AggregateRepository<CrashCustomer>(store);
        var customer = customers.Create("c1");
        customer.Rename("n0", 0);
        await customers.SaveAsync(customer);
        using (var storage = new SqliteStateReplicaStorage(replicaFile))
        {
            await new StateReplica<CustomerCopy>(store, new StateReplicaOptions { Storage = storage }).CatchUpAsync();
        }

        for (int i = 1; i < 25; i++)
        {
            customer.Rename("n" + i, i);
            await customers.SaveAsync(customer);
        }

        Assert.Equal(Enumerable.Range(17, 8).Select(v => (long)v), await store.ReadStreamAsync("crashcustomer.state-c1").Select(e => e.Version).ToListAsync());
        Assert.Equal(24, await store.GetStreamVersionAsync("crashcustomer.state-c1"));
        using (var storage = new SqliteStateReplicaStorage(replicaFile))
        {
            // Its checkpoint lies before the dropped states: it reads what is left and ends at the newest.
            var restarted = new StateReplica<CustomerCopy>(store, new StateReplicaOptions { Storage = storage });
            await restarted.CatchUpAsync();
            Assert.Equal(new CustomerCopy("c1", 24, "n24"), restarted.Get("c1"));
        }
    }

    [Fact]
    public async Task The_file_keeps_only_newer_versions()
    {
        using var storage = new SqliteStateReplicaStorage(Path.Combine(_db.Folder, "replica.db"));
        await storage.SaveAsync("r", new StoredReplicaState("c1", 3, "{\"v\":3}"u8.ToArray()));
        await storage.SaveAsync("r", new StoredReplicaState("c1", 2, "{\"v\":2}"u8.ToArray()));
        await storage.SaveAsync("r", new StoredReplicaState("c1", 3, "{\"v\":\"again\"}"u8.ToArray()));
        await storage.SaveAsync("other", new StoredReplicaState("c1", 1, "{}"u8.ToArray()));

        var kept = Assert.Single(await storage.LoadAsync("r"));

        Assert.Equal(("c1", 3L, "{\"v\":3}"), (kept.Id, kept.Version, System.Text.Encoding.UTF8.GetString(kept.Json.Span)));
        await storage.ClearAsync("r");
        Assert.Empty(await storage.LoadAsync("r"));
        Assert.Single(await storage.LoadAsync("other"));
    }

    public void Dispose() => _db.Dispose();
}
