namespace Eventfold.Tests.Aggregates;

public sealed class UpdateAsyncTests
{
    private readonly InMemoryEventStore _store = new();

    [Fact]
    public async Task A_missing_aggregate_is_created_decided_and_saved()
    {
        IAggregateRepository<Account> accounts = new AggregateRepository<Account>(_store);

        var saved = await accounts.UpdateAsync("a-1", a => a.Open("ann"));

        Assert.Equal(0, saved.Version);
        Assert.Equal("ann", (await accounts.LoadAsync("a-1"))!.Owner);
    }

    [Fact]
    public async Task The_metadata_given_to_UpdateAsync_travels_with_the_events_it_saves()
    {
        IAggregateRepository<Account> accounts = new AggregateRepository<Account>(_store);

        await accounts.UpdateAsync("a-1", a => a.Open("ann"), new EventMetadata { CorrelationId = "req-1", CausationId = "cmd-1" });

        var saved = Assert.Single(await _store.ReadStreamAsync(AggregateRepository<Account>.StreamFor("a-1")).ToListAsync());
        Assert.Equal(("req-1", "cmd-1"), (saved.Metadata.CorrelationId, saved.Metadata.CausationId));
    }

    [Fact]
    public async Task Concurrent_writers_all_land_because_each_conflict_reloads_and_decides_again()
    {
        var accounts = new AggregateRepository<Account>(_store);
        await accounts.UpdateAsync("a-1", a => a.Open("ann"));

        // Each writer has its own repository, as separate requests would; all start together.
        const int writers = 8;
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            await new AggregateRepository<Account>(_store).UpdateAsync("a-1", a => a.Deposit(1m), retries: writers);
        })).ToArray();
        start.Set();
        await Task.WhenAll(tasks);

        var loaded = await accounts.LoadAsync("a-1");
        Assert.Equal((writers * 1m, (long)writers), (loaded!.Balance, loaded.Version));
    }

    [Fact]
    public async Task A_conflict_is_retried_on_the_state_the_other_writer_left()
    {
        var accounts = new AggregateRepository<Account>(_store);
        await accounts.UpdateAsync("a-1", a => { a.Open("ann"); a.Deposit(10m); });
        var seenBalances = new List<decimal>();

        await accounts.UpdateAsync("a-1", a =>
        {
            seenBalances.Add(a.Balance);
            if (seenBalances.Count == 1)
            {
                // Another writer saves between this load and this save.
                new AggregateRepository<Account>(_store).UpdateAsync("a-1", b => b.Withdraw(10m)).GetAwaiter().GetResult();
            }

            a.Withdraw(a.Balance);
        });

        Assert.Equal([10m, 0m], seenBalances);
        Assert.Equal(0m, (await accounts.LoadAsync("a-1"))!.Balance);
    }

    [Fact]
    public async Task When_every_attempt_conflicts_the_error_names_stream_attempts_and_version()
    {
        var accounts = new AggregateRepository<Account>(_store);
        await accounts.UpdateAsync("a-1", a => a.Open("ann"));
        var other = new AggregateRepository<Account>(_store);

        var ex = await Assert.ThrowsAsync<ConcurrencyRetriesExhaustedException>(() => accounts.UpdateAsync("a-1", a =>
        {
            other.UpdateAsync("a-1", b => b.Deposit(1m)).GetAwaiter().GetResult();
            a.Deposit(5m);
        }, retries: 2));

        Assert.Equal(("account-a-1", 3, 3L), (ex.Stream, ex.Attempts, ex.ActualVersion));
        Assert.Contains("account-a-1", ex.Message);
        Assert.Contains("3 attempts", ex.Message);
        Assert.IsType<WrongExpectedVersionException>(ex.InnerException);
        Assert.Equal(3m, (await accounts.LoadAsync("a-1"))!.Balance);
    }
}
