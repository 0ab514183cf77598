namespace Eventfold.Sqlite.Tests;

public sealed class ReadPoolTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task No_more_read_connections_open_than_the_bound_and_the_others_wait_their_turn()
    {
        var options = new SqliteEventStoreOptions { Serializer = TestEvents.Serializer, MaxReadConnections = 2 };
        await new SqliteEventStore(_db.Path, options).DisposeAsync();
        using var pool = new SqliteReadPool(new SqliteConnectionFactory(_db.Path, options), options.MaxReadConnections, options.MaxIdleReadConnections);
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        int inside = 0, mostInside = 0;

        var reads = Enumerable.Range(0, 10).Select(_ => pool.UseAsync(async c =>
        {
            int now = Interlocked.Increment(ref inside);
            InterlockedMax(ref mostInside, now);
            await release.Task;
            Interlocked.Decrement(ref inside);
            return await c.GetLastPositionAsync(CancellationToken.None);
        })).ToArray();
        await Task.Delay(200);

        Assert.Equal(2, Volatile.Read(ref inside));
        Assert.Equal(2, pool.OpenConnections);
        release.SetResult(0);
        await Task.WhenAll(reads).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, mostInside);
        Assert.InRange(pool.OpenConnections, 0, 2);
    }

    [Fact]
    public async Task A_read_waiting_for_a_connection_honours_cancellation()
    {
        var options = new SqliteEventStoreOptions { Serializer = TestEvents.Serializer, MaxReadConnections = 1 };
        await new SqliteEventStore(_db.Path, options).DisposeAsync();
        using var pool = new SqliteReadPool(new SqliteConnectionFactory(_db.Path, options), options.MaxReadConnections, options.MaxIdleReadConnections);
        var release = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var holder = pool.UseAsync(_ => release.Task);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pool.UseAsync(c => c.GetLastPositionAsync(CancellationToken.None), cts.Token));

        release.SetResult(0);
        await holder;
    }

    [Fact]
    public void The_bound_must_be_positive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SqliteEventStore(_db.Path, new SqliteEventStoreOptions { MaxReadConnections = 0 }));

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
