namespace Eventfold.Sqlite.Tests;

/// <summary>A row damaged outside the store marks only itself: the events around it, in the same page, are read.</summary>
public sealed class BadRowTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Theory]
    [InlineData("event_id = X'0102'")]                  // an id of 2 bytes, not 16
    [InlineData("timestamp = 9223372036854775807")]     // ticks past DateTimeOffset.MaxValue
    public async Task A_row_with_an_unreadable_column_is_poison_and_the_rest_of_its_page_is_delivered(string damage)
    {
        await using var store = new SqliteEventStore(_db.Path, TestEvents.Options(readPageSize: 512));
        await store.AppendAsync("cart-1", ExpectedVersion.NoStream, TestEvents.Added(5));
        using (var raw = SchemaTests.OpenRaw(_db.Path))
        {
            SchemaTests.Query(raw, $"UPDATE events SET {damage}, checksum = NULL WHERE version = 2;");
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var messages = new List<SubscriptionMessage>();
        await foreach (var message in store.SubscribeToAllAsync(null, null, cts.Token))
        {
            messages.Add(message);
            if (message is CaughtUp)
            {
                break;
            }
        }

        Assert.Equal([0L, 1L, 3L, 4L], messages.OfType<RecordedEvent>().Select(e => e.Version));
        var poison = Assert.Single(messages.OfType<PoisonEvent>());
        Assert.Equal(("cart-1", 2L, 3UL), (poison.Stream, poison.Version, poison.Position.Commit));
        Assert.Contains("cannot be read", poison.Error.Message);
    }

    [Fact]
    public async Task Disposing_the_store_ends_a_waiting_subscription_also_with_polling_off()
    {
        var store = new SqliteEventStore(_db.Path, TestEvents.Options(pollInterval: Timeout.InfiniteTimeSpan));
        await store.AppendAsync("cart-1", ExpectedVersion.NoStream, TestEvents.Added(1));
        var consumer = Task.Run(async () =>
        {
            await foreach (var _ in store.SubscribeToAllAsync(null))
            {
            }
        });
        await Task.Delay(200);

        await store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => consumer.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
