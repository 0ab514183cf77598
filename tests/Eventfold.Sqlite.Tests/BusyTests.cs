using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Eventfold.Sqlite.Tests;

/// <summary>Another connection holding SQLite's write lock, as another process would.</summary>
public sealed class BusyTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task An_append_waits_for_another_writer_and_goes_ahead_when_it_commits()
    {
        await using var store = new SqliteEventStore(_db.Path, TestEvents.Options());
        using var other = SchemaTests.OpenRaw(_db.Path);
        SchemaTests.Query(other, "BEGIN IMMEDIATE;");

        var append = Task.Run(() => store.AppendAsync("s", ExpectedVersion.NoStream, [TestEvents.Added("a")]));
        await Task.Delay(300);
        Assert.False(append.IsCompleted, "the append did not wait for the write lock");
        SchemaTests.Query(other, "COMMIT;");

        var result = await append.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, result.NextExpectedVersion);
    }

    [Fact]
    public async Task An_append_gives_up_after_the_busy_timeout_and_writes_nothing()
    {
        var options = new SqliteEventStoreOptions { Serializer = TestEvents.Serializer, BusyTimeout = TimeSpan.FromMilliseconds(200) };
        await using var store = new SqliteEventStore(_db.Path, options);
        using (var other = SchemaTests.OpenRaw(_db.Path))
        {
            SchemaTests.Query(other, "BEGIN IMMEDIATE;");
            var clock = Stopwatch.StartNew();
            var error = await Assert.ThrowsAsync<SqliteException>(() => store.AppendAsync("s", ExpectedVersion.Any, [TestEvents.Added("a")]));
            Assert.Equal(5, error.SqliteErrorCode); // SQLITE_BUSY
            Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(8));
            SchemaTests.Query(other, "ROLLBACK;");
        }

        Assert.Equal(-1, await store.GetStreamVersionAsync("s"));
        await store.AppendAsync("s", ExpectedVersion.NoStream, [TestEvents.Added("b")]);
        Assert.Equal(0, await store.GetStreamVersionAsync("s"));
    }
}
