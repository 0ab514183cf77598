using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Eventfold.Tests.Aggregates;

public sealed class AggregateRepositoryTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemoryEventStore _store;
    private readonly AggregateRepository<Account> _accounts;

    public AggregateRepositoryTests()
    {
        // The generated module initializer registered this assembly's [Event] types in EventRegistry.Default.
        _store = new InMemoryEventStore(new EventStoreOptions { TimeProvider = _clock });
        _accounts = new AggregateRepository<Account>(_store);
    }

    [Fact]
    public void A_new_aggregate_has_its_id_version_minus_one_and_nothing_uncommitted()
    {
        var account = _accounts.Create("a-1");

        Assert.Equal("a-1", account.Id);
        Assert.Equal(-1, account.Version);
        Assert.Empty(account.UncommittedEvents);
        Assert.Equal("account-a-1", AggregateRepository<Account>.StreamFor("a-1"));
    }

    [Fact]
    public void Raise_applies_at_once_counts_the_version_and_keeps_the_event()
    {
        var account = _accounts.Create("a-1");

        account.Open("ann");
        account.Deposit(10m);

        Assert.Equal(("ann", 10m, 1L), (account.Owner, account.Balance, account.Version));
        Assert.Equal([new AccountOpened("ann"), new Deposited(10m)], account.UncommittedEvents);
    }

    [Fact]
    public async Task Saved_events_load_back_into_the_same_state()
    {
        var account = _accounts.Create("a-1");
        account.Open("ann");
        account.Deposit(50m);
        account.Withdraw(20m);

        var result = await _accounts.SaveAsync(account);
        var loaded = await _accounts.LoadAsync("a-1");

        Assert.Equal(2, result.NextExpectedVersion);
        Assert.Empty(account.UncommittedEvents);
        Assert.NotNull(loaded);
        Assert.Equal(("a-1", "ann", 30m, 2L), (loaded.Id, loaded.Owner, loaded.Balance, loaded.Version));
        Assert.Empty(loaded.UncommittedEvents);
        Assert.Equal(["test.account-opened", "test.deposited", "test.withdrawn"],
            await _store.ReadStreamAsync("account-a-1").Select(e => e.EventName).ToListAsync());
    }

    [Fact]
    public async Task A_missing_aggregate_loads_as_null()
    {
        Assert.Null(await _accounts.LoadAsync("nobody"));
        Assert.Null(await _accounts.LoadAtVersionAsync("nobody", 0));
    }

    [Fact]
    public async Task Saving_again_appends_only_the_new_events()
    {
        var account = _accounts.Create("a-1");
        account.Open("ann");
        await _accounts.SaveAsync(account);

        account.Deposit(5m);
        await _accounts.SaveAsync(account);
        var nothing = await _accounts.SaveAsync(account);

        Assert.Equal(1, nothing.NextExpectedVersion);
        Assert.Equal(2, await _store.ReadStreamAsync("account-a-1").CountAsync());
    }

    [Fact]
    public async Task Nothing_to_save_returns_the_streams_real_version_and_position()
    {
        var account = _accounts.Create("a-1");
        account.Open("ann");
        account.Deposit(5m);
        var saved = await _accounts.SaveAsync(account);

        var again = await _accounts.SaveAsync(account);
        var loaded = (await _accounts.LoadAsync("a-1"))!;
        var fromLoaded = await _accounts.SaveAsync(loaded);
        var fresh = await _accounts.SaveAsync(_accounts.Create("a-2"));

        Assert.NotEqual(GlobalPosition.Start, saved.Position);
        Assert.Equal(saved, again);
        Assert.Equal(saved, fromLoaded);
        Assert.Equal(new AppendResult(-1, GlobalPosition.Start), fresh);
        Assert.Equal(2, await _store.ReadStreamAsync("account-a-1").CountAsync());
    }

    [Fact]
    public async Task Nothing_to_save_on_a_stale_instance_returns_where_the_stream_is_now()
    {
        var account = _accounts.Create("a-1");
        account.Open("ann");
        await _accounts.SaveAsync(account);
        var stale = (await _accounts.LoadAsync("a-1"))!;
        account.Deposit(5m);
        var moved = await _accounts.SaveAsync(account);

        var nothing = await _accounts.SaveAsync(stale);

        Assert.Equal(moved, nothing);
        Assert.Equal(1, nothing.NextExpectedVersion);
    }

    [Fact]
    public async Task Loading_at_a_version_past_the_end_gives_the_aggregate_as_it_is_now()
    {
        var account = _accounts.Create("a-1");
        account.Open("ann");
        account.Deposit(10m);
        await _accounts.SaveAsync(account);

        var beyond = (await _accounts.LoadAtVersionAsync("a-1", 1_000))!;

        Assert.Equal((1L, 10m, "ann"), (beyond.Version, beyond.Balance, beyond.Owner));
        Assert.Null(await _accounts.LoadAtVersionAsync("nobody", 1_000));
    }

    [Fact]
    public async Task A_concurrent_save_is_refused_with_the_actual_version()
    {
        var account = _accounts.Create("a-1");
        account.Open("ann");
        await _accounts.SaveAsync(account);
        var first = (await _accounts.LoadAsync("a-1"))!;
        var second = (await _accounts.LoadAsync("a-1"))!;

        first.Deposit(1m);
        second.Deposit(2m);
        await _accounts.SaveAsync(first);
        var ex = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => _accounts.SaveAsync(second));

        Assert.Equal("account-a-1", ex.Stream);
        Assert.Equal(1, ex.ActualVersion);
        Assert.Equal(1m, (await _accounts.LoadAsync("a-1"))!.Balance);
    }

    [Fact]
    public async Task Creating_an_aggregate_that_exists_fails_on_save()
    {
        var original = _accounts.Create("a-1");
        original.Open("ann");
        await _accounts.SaveAsync(original);

        var duplicate = _accounts.Create("a-1");
        duplicate.Open("bob");

        await Assert.ThrowsAsync<WrongExpectedVersionException>(() => _accounts.SaveAsync(duplicate));
    }

    [Fact]
    public async Task An_event_without_Apply_counts_for_the_version_but_changes_nothing()
    {
        var account = _accounts.Create("a-1");
        account.Open("ann");
        account.SendStatement();
        account.Deposit(3m);
        await _accounts.SaveAsync(account);

        var loaded = (await _accounts.LoadAsync("a-1"))!;

        Assert.Equal(2, loaded.Version);
        Assert.Equal(2, loaded.AppliedCount);
        Assert.Equal(3m, loaded.Balance);
    }

    [Fact]
    public async Task Loading_at_a_version_replays_only_up_to_it()
    {
        var account = _accounts.Create("a-1");
        account.Open("ann");
        account.Deposit(10m);
        account.Deposit(20m);
        account.Deposit(40m);
        await _accounts.SaveAsync(account);

        var atOne = (await _accounts.LoadAtVersionAsync("a-1", 1))!;
        var beyond = (await _accounts.LoadAtVersionAsync("a-1", 99))!;

        Assert.Equal((1L, 10m), (atOne.Version, atOne.Balance));
        Assert.Equal((3L, 70m), (beyond.Version, beyond.Balance));
    }

    [Fact]
    public async Task Loading_as_of_a_time_replays_the_events_stored_by_then()
    {
        var account = _accounts.Create("a-1");
        account.Open("ann");
        account.Deposit(10m);
        await _accounts.SaveAsync(account);
        var afterOpening = _clock.GetUtcNow();
        _clock.Advance(TimeSpan.FromDays(1));
        account.Deposit(100m);
        await _accounts.SaveAsync(account);

        var then = (await _accounts.LoadAsOfAsync("a-1", afterOpening))!;
        var before = await _accounts.LoadAsOfAsync("a-1", afterOpening.AddSeconds(-1));
        var now = (await _accounts.LoadAsOfAsync("a-1", _clock.GetUtcNow()))!;

        Assert.Equal((1L, 10m), (then.Version, then.Balance));
        Assert.Null(before);
        Assert.Equal(110m, now.Balance);
    }

    [Fact]
    public void Ids_that_make_a_disallowed_stream_name_are_refused()
    {
        Assert.Throws<InvalidStreamNameException>(() => _accounts.Create("has space"));
        Assert.Throws<ArgumentException>(() => _accounts.Create(""));
    }

    [Fact]
    public async Task The_container_serves_a_repository_for_any_aggregate()
    {
        var services = new ServiceCollection();
        services.AddEventfold(o => o.UseInMemory());
        await using var provider = services.BuildServiceProvider();

        var repository = provider.GetRequiredService<AggregateRepository<Account>>();
        var account = repository.Create("a-9");
        account.Open("zoe");
        await repository.SaveAsync(account);

        Assert.Equal("zoe", (await repository.LoadAsync("a-9"))!.Owner);
    }
}
