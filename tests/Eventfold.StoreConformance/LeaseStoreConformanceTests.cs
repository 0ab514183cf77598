using Microsoft.Extensions.Time.Testing;

namespace Eventfold.StoreConformance;

/// <summary>
/// The behaviour every <see cref="IProjectionLeaseStore"/> must have: one holder at a time, takeover after
/// release or expiry with a greater fencing token, and checkpoint writes refused under a token that is no
/// longer current. Each store derives it once and supplies <see cref="CreateAsync"/> (a store whose server is
/// absent calls <c>Skip.If</c> there). Projection names are unique per test, so it also runs on a shared server.
/// </summary>
public abstract class LeaseStoreConformanceTests : IAsyncLifetime
{
    protected static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);

    private (IProjectionLeaseStore Leases, ICheckpointStore Checkpoints, IAsyncDisposable Owner)? _created;

    protected LeaseStoreConformanceTests() => Projection = $"lease{Guid.NewGuid():N}"[..17];

    /// <summary>A projection name unique to this test.</summary>
    protected string Projection { get; }

    /// <summary>The clock the store judges expiry by.</summary>
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    private IProjectionLeaseStore Leases => _created?.Leases ?? throw new InvalidOperationException("Store not created yet.");

    private ICheckpointStore Checkpoints => _created!.Value.Checkpoints;

    private string Consumer => "projection:" + Projection;

    /// <summary>A lease store on <paramref name="clock"/>, where its fenced checkpoints are read back, and what to dispose.</summary>
    protected abstract Task<(IProjectionLeaseStore Leases, ICheckpointStore Checkpoints, IAsyncDisposable Owner)> CreateAsync(TimeProvider clock);

    public async Task InitializeAsync() => _created = await CreateAsync(Clock);

    public async Task DisposeAsync()
    {
        if (_created is { } created)
        {
            await created.Owner.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task A_free_lease_is_taken_and_another_owner_is_refused_while_it_is_held()
    {
        var none = await Leases.GetLeaseAsync(Projection);
        var first = await Leases.TryAcquireLeaseAsync(Projection, "a", Duration);
        var second = await Leases.TryAcquireLeaseAsync(Projection, "b", Duration);
        Clock.Advance(Duration - TimeSpan.FromSeconds(1));
        var stillRefused = await Leases.TryAcquireLeaseAsync(Projection, "b", Duration);

        Assert.Null(none);
        Assert.NotNull(first);
        Assert.Equal((Projection, "a", 1L), (first.Projection, first.Owner, first.Token));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 12, 0, 30, TimeSpan.Zero), first.ExpiresAt);
        Assert.Null(second);
        Assert.Null(stillRefused);
        Assert.True(first.IsSameHolding(await Leases.GetLeaseAsync(Projection)));
    }

    [SkippableFact]
    public async Task An_expired_lease_is_taken_over_with_a_greater_token_and_the_old_holder_can_neither_renew_nor_checkpoint()
    {
        var old = (await Leases.TryAcquireLeaseAsync(Projection, "a", Duration))!;
        Assert.True(await Leases.TrySetCheckpointAsync(old, Consumer, new GlobalPosition(5, 5)));
        Clock.Advance(Duration);

        var taken = await Leases.TryAcquireLeaseAsync(Projection, "b", Duration);
        var renewedByOld = await Leases.RenewLeaseAsync(old, Duration);
        bool writtenByOld = await Leases.TrySetCheckpointAsync(old, Consumer, new GlobalPosition(9, 9));

        Assert.NotNull(taken);
        Assert.Equal(("b", 2L), (taken.Owner, taken.Token));
        Assert.Null(renewedByOld);
        Assert.False(writtenByOld);
        Assert.Equal(new GlobalPosition(5, 5), await Checkpoints.GetCheckpointAsync(Consumer));
        Assert.True(taken.IsSameHolding(await Leases.GetLeaseAsync(Projection)));
    }

    [SkippableFact]
    public async Task A_renewal_extends_the_lease_and_keeps_its_token_even_past_its_expiry_when_nobody_took_it()
    {
        var lease = (await Leases.TryAcquireLeaseAsync(Projection, "a", Duration))!;
        Clock.Advance(TimeSpan.FromSeconds(20));
        var renewed = (await Leases.RenewLeaseAsync(lease, Duration))!;
        Clock.Advance(TimeSpan.FromSeconds(20));
        var refused = await Leases.TryAcquireLeaseAsync(Projection, "b", Duration);
        Clock.Advance(TimeSpan.FromSeconds(60));
        var late = await Leases.RenewLeaseAsync(renewed, Duration);

        Assert.Equal(lease.Token, renewed.Token);
        Assert.Equal(lease.ExpiresAt + TimeSpan.FromSeconds(20), renewed.ExpiresAt);
        Assert.Null(refused);
        Assert.NotNull(late);
        Assert.Equal(lease.Token, late.Token);
    }

    [SkippableFact]
    public async Task A_released_lease_is_free_at_once_and_releasing_a_stale_lease_leaves_the_new_holder_alone()
    {
        var first = (await Leases.TryAcquireLeaseAsync(Projection, "a", Duration))!;
        await Leases.ReleaseLeaseAsync(first);
        var afterRelease = await Leases.GetLeaseAsync(Projection);
        var second = await Leases.TryAcquireLeaseAsync(Projection, "b", Duration);
        await Leases.ReleaseLeaseAsync(first);

        Assert.Null(afterRelease);
        Assert.NotNull(second);
        Assert.Equal(2, second.Token);
        Assert.True(second.IsSameHolding(await Leases.GetLeaseAsync(Projection)));
        Assert.False(await Leases.TrySetCheckpointAsync(first, Consumer, new GlobalPosition(3, 3)));
        Assert.Null(await Leases.RenewLeaseAsync(first, Duration));
    }

    [SkippableFact]
    public async Task The_holders_fenced_checkpoint_is_stored_and_never_moves_backwards()
    {
        var lease = (await Leases.TryAcquireLeaseAsync(Projection, "a", Duration))!;

        Assert.True(await Leases.TrySetCheckpointAsync(lease, Consumer, new GlobalPosition(10, 10)));
        Assert.True(await Leases.TrySetCheckpointAsync(lease, Consumer, new GlobalPosition(4, 4)));

        Assert.Equal(new GlobalPosition(10, 10), await Checkpoints.GetCheckpointAsync(Consumer));
    }

    [SkippableFact]
    public async Task The_same_owner_taking_its_lease_again_gets_a_new_token_that_fences_the_old_one()
    {
        var first = (await Leases.TryAcquireLeaseAsync(Projection, "a", Duration))!;
        var again = await Leases.TryAcquireLeaseAsync(Projection, "a", Duration);

        Assert.NotNull(again);
        Assert.Equal(first.Token + 1, again.Token);
        Assert.False(await Leases.TrySetCheckpointAsync(first, Consumer, new GlobalPosition(1, 1)));
        Assert.True(await Leases.TrySetCheckpointAsync(again, Consumer, new GlobalPosition(1, 1)));
    }

    [SkippableFact]
    public async Task Of_many_owners_racing_for_a_free_lease_exactly_one_gets_it()
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await Leases.TryAcquireLeaseAsync(Projection, $"owner-{i}", Duration);
        })).ToArray();
        start.SetResult();
        var results = await Task.WhenAll(racers);

        var winner = Assert.Single(results, r => r is not null);
        Assert.Equal(1, winner!.Token);
        Assert.True(winner.IsSameHolding(await Leases.GetLeaseAsync(Projection)));
    }

    [SkippableFact]
    public async Task Leases_of_different_projections_are_independent()
    {
        var a = await Leases.TryAcquireLeaseAsync(Projection, "a", Duration);
        var b = await Leases.TryAcquireLeaseAsync(Projection + "-other", "b", Duration);

        Assert.NotNull(a);
        Assert.NotNull(b);
        Assert.Equal(1, b.Token);
    }
}
