namespace Eventfold.Tests.Aggregates;

/// <summary>
/// An event keeps the id it got when raised until it is saved, so saving again after an ambiguous
/// failure is recognised by the store as a retry; one instance is saved by one caller at a time.
/// </summary>
public sealed class IdempotentSaveTests
{
    // A test that fails must not hang on a held append.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly FaultyStore _store = new(new InMemoryEventStore());
    private readonly AggregateRepository<Account> _accounts;

    public IdempotentSaveTests() => _accounts = new AggregateRepository<Account>(_store);

    [Fact]
    public async Task A_save_retried_after_the_store_wrote_and_then_failed_writes_nothing_twice()
    {
        var account = _accounts.Create("a-1");
        account.Open("ann");
        account.Deposit(10m);
        account.Deposit(5m);
        _store.FailAfterWrite(1);

        await Assert.ThrowsAsync<TimeoutException>(() => _accounts.SaveAsync(account));
        Assert.Equal(3, account.UncommittedEvents.Count); // not known to be saved: kept for the retry
        var retried = await _accounts.SaveAsync(account);

        Assert.Equal(2, retried.NextExpectedVersion);
        Assert.Equal(2, account.Version);
        Assert.Empty(account.UncommittedEvents);
        var stored = await _store.ReadStreamAsync("account-a-1").ToListAsync();
        Assert.Equal([0L, 1, 2], stored.Select(e => e.Version));
        Assert.Equal(3, stored.Select(e => e.EventId).Distinct().Count());

        account.Deposit(1m);
        await _accounts.SaveAsync(account);
        var loaded = (await _accounts.LoadAsync("a-1"))!;
        Assert.Equal((3L, 16m), (loaded.Version, loaded.Balance));
    }

    [Fact]
    public async Task A_retry_is_recognised_even_after_another_writer_appended_behind_it()
    {
        var opened = _accounts.Create("a-1");
        opened.Open("ann");
        await _accounts.SaveAsync(opened);
        var mine = (await _accounts.LoadAsync("a-1"))!;
        mine.Deposit(5m);
        _store.FailAfterWrite(1);
        await Assert.ThrowsAsync<TimeoutException>(() => _accounts.SaveAsync(mine));

        var theirs = (await _accounts.LoadAsync("a-1"))!;
        theirs.Deposit(7m);
        await _accounts.SaveAsync(theirs);
        var retried = await _accounts.SaveAsync(mine);

        Assert.Equal(1, retried.NextExpectedVersion);
        Assert.Equal(1, mine.Version);
        var loaded = (await _accounts.LoadAsync("a-1"))!;
        Assert.Equal((2L, 12m), (loaded.Version, loaded.Balance));
    }

    [Fact]
    public async Task Each_raised_event_gets_its_own_id_and_keeps_it_until_saved()
    {
        var account = _accounts.Create("a-1");
        account.Open("ann");
        account.Deposit(1m);
        var ids = ((IEventSourced<Account>)account).UncommittedEventIds.ToArray();

        Assert.Equal(2, ids.Distinct().Count());
        Assert.DoesNotContain(Guid.Empty, ids);
        Assert.Equal(ids, ((IEventSourced<Account>)account).UncommittedEventIds);
        await _accounts.SaveAsync(account);

        Assert.Equal(ids, await _store.ReadStreamAsync("account-a-1").Select(e => e.EventId).ToListAsync());
        Assert.Empty(((IEventSourced<Account>)account).UncommittedEventIds);
    }

    [Fact]
    public async Task A_second_save_of_an_instance_while_the_first_runs_is_refused_naming_the_aggregate()
    {
        var account = _accounts.Create("a-1");
        account.Open("ann");
        _store.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = _accounts.SaveAsync(account);
        await _store.AppendHeld.Task.WaitAsync(Timeout);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => _accounts.SaveAsync(account).WaitAsync(Timeout));
        _store.Hold.SetResult();
        await first.WaitAsync(Timeout);

        Assert.Contains("Account 'a-1'", ex.Message);
        Assert.Contains("account-a-1", ex.Message);
        Assert.Equal(1, _store.Appends);
        Assert.Single(await _store.ReadStreamAsync("account-a-1").ToListAsync());
        _store.Hold = null;
        account.Deposit(2m);
        await _accounts.SaveAsync(account); // the claim was released
        Assert.Equal(1, (await _accounts.LoadAsync("a-1"))!.Version);
    }

    [Fact]
    public async Task An_event_raised_while_a_save_runs_stays_for_the_next_save()
    {
        var account = _accounts.Create("a-1");
        account.Open("ann");
        _store.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var saving = _accounts.SaveAsync(account);
        await _store.AppendHeld.Task.WaitAsync(Timeout);

        account.Deposit(3m);
        _store.Hold.SetResult();
        var saved = await saving.WaitAsync(Timeout);

        Assert.Equal(0, saved.NextExpectedVersion);
        Assert.Equal([new Deposited(3m)], account.UncommittedEvents);
        Assert.Equal(1, account.Version);
        _store.Hold = null;
        await _accounts.SaveAsync(account);
        var loaded = (await _accounts.LoadAsync("a-1"))!;
        Assert.Equal((1L, 3m), (loaded.Version, loaded.Balance));
    }

    [Fact]
    public async Task Concurrent_saves_of_one_instance_either_succeed_or_are_refused_and_store_each_event_once()
    {
        var store = new FaultyStore(new InMemoryEventStore()) { YieldFirst = true };
        var accounts = new AggregateRepository<Account>(store);
        for (int i = 0; i < 500; i++)
        {
            var account = accounts.Create($"a-{i}");
            account.Open("ann");
            account.Deposit(1m);
            using var start = new Barrier(2);
            Task<AppendResult> Save() => Task.Run(() =>
            {
                start.SignalAndWait();
                return accounts.SaveAsync(account);
            });

            var saves = new[] { Save(), Save() };
            try
            {
                await Task.WhenAll(saves);
            }
            catch (Exception)
            {
                // Each save's outcome is inspected below.
            }

            foreach (var save in saves.Where(s => s.IsFaulted))
            {
                var ex = Assert.IsType<InvalidOperationException>(save.Exception!.InnerException);
                Assert.Contains($"Account 'a-{i}'", ex.Message);
            }

            Assert.Contains(saves, s => s.IsCompletedSuccessfully);
            Assert.Equal(1, account.Version);
            Assert.Empty(account.UncommittedEvents);
            Assert.Equal(2, await store.ReadStreamAsync($"account-a-{i}").CountAsync());
        }
    }
}
