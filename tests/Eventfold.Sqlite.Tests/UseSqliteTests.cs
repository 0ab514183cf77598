using Microsoft.Extensions.DependencyInjection;

namespace Eventfold.Sqlite.Tests;

public sealed class UseSqliteTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task AddEventfold_with_UseSqlite_gives_one_SQLite_store_on_the_file_closed_with_the_container()
    {
        var services = new ServiceCollection();
        services.AddEventfold(o => o.UseSqlite(_db.Path, TestEvents.Options()));

        await using (var provider = services.BuildServiceProvider())
        {
            var store = Assert.IsType<SqliteEventStore>(provider.GetRequiredService<IEventStore>());
            Assert.Same(store, provider.GetRequiredService<IEventStore>());
            Assert.Equal(_db.Path, store.Path);
            await store.AppendAsync("s", ExpectedVersion.NoStream, [TestEvents.Added("a")]);
        }

        // Disposing the container closed the file: SQLite folded its WAL back in and removed it.
        Assert.False(File.Exists(_db.Path + "-wal"));
        await using var reopened = new SqliteEventStore(_db.Path, TestEvents.Options());
        Assert.Equal(0, await reopened.GetStreamVersionAsync("s"));
    }
}
