using Eventfold.Sqlite.CrashHost;

namespace Eventfold.Sqlite.Tests.StateTransfer;

/// <summary>
/// A child process saving published-state aggregates is killed, many times: right between a save and its
/// publish, and at random moments. After each kill the catch-up publisher brings every state stream to its
/// aggregate's current state: nothing a crash left unpublished is lost.
/// </summary>
public sealed class StateCrashTests : IDisposable
{
    private const int Customers = 8;
    private readonly TempDatabase _db = new();

    [Fact]
    public async Task Every_state_a_kill_left_unpublished_is_published_by_the_catch_up()
    {
        var random = new Random(11);
        int killedBetween = 0;
        for (int round = 0; round < 12; round++)
        {
            bool between = round % 2 == 0;
            string? pausedAt = null;
            await using (var host = CrashHostProcess.Publish(_db.Path, Customers, between ? random.Next(0, 10) : -1))
            {
                await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
                if (between)
                {
                    pausedAt = await host.WaitForLineAsync("between ", TimeSpan.FromSeconds(60));
                }
                else
                {
                    await Task.Delay(random.Next(5, 150));
                }

                await host.KillAsync();
            }

            await using var store = new SqliteEventStore(_db.Path);
            if (pausedAt is not null)
            {
                // The kill landed after the save and before its publish: the state is missing until the catch-up.
                string[] parts = pausedAt.Split(' ');
                Assert.True(await LastStateVersionAsync(store, parts[1]) < long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture), pausedAt);
                killedBetween++;
            }

            await new StatePublisher<CrashCustomer>(store).CatchUpAsync();
            await AssertEveryStateIsCurrentAsync(store);
        }

        Assert.Equal(6, killedBetween);
    }

    private static async Task AssertEveryStateIsCurrentAsync(IEventStore store)
    {
        var customers = new AggregateRepository<CrashCustomer>(store);
        for (int i = 0; i < Customers; i++)
        {
            string id = "c" + i;
            var customer = await customers.LoadAsync(id);
            if (customer is null)
            {
                Assert.Equal(-1, await LastStateVersionAsync(store, id));
                continue;
            }

            var state = await LastStateAsync(store, id);
            Assert.Equal(new CrashCustomerState(id, customer.Version, customer.Name, customer.Points), state);
        }
    }

    private static async Task<long> LastStateVersionAsync(IEventStore store, string id) => (await LastStateAsync(store, id))?.Version ?? -1;

    private static async Task<CrashCustomerState?> LastStateAsync(IEventStore store, string id)
    {
        CrashCustomerState? newest = null;
        await foreach (var e in store.ReadStreamAsync(StateStreams.StreamFor("crashcustomer", id), CancellationToken.None))
        {
            var state = (CrashCustomerState)e.Event;
            if (newest is null || state.Version > newest.Version)
            {
                newest = state;
            }
        }

        return newest;
    }

    public void Dispose() => _db.Dispose();
}
