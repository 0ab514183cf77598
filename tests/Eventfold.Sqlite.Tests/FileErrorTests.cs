using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace Eventfold.Sqlite.Tests;

/// <summary>Every error of the file itself names the file, and a file that is not the store's is left exactly as it was.</summary>
public sealed class FileErrorTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public void A_directory_is_refused_naming_it()
    {
        Directory.CreateDirectory(_db.Path);

        var ex = Assert.Throws<IOException>(() => new SqliteEventStore(_db.Path, TestEvents.Options()));

        Assert.Contains(_db.Path, ex.Message);
        Assert.Contains("directory", ex.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_refused_naming_it_and_left_unchanged()
    {
        File.WriteAllText(_db.Path, "name,quantity\nwidget,3\n" + new string('x', 5000));
        byte[] before = Hash(_db.Path);

        var ex = Assert.Throws<IOException>(() => new SqliteEventStore(_db.Path, TestEvents.Options()));

        Assert.Contains(_db.Path, ex.Message);
        Assert.Contains("not a SQLite database", ex.Message);
        Assert.Equal(26, Assert.IsType<SqliteException>(ex.InnerException).SqliteErrorCode); // SQLITE_NOTADB
        Assert.Equal(before, Hash(_db.Path));
        Assert.False(File.Exists(_db.Path + "-wal"));
    }

    [Fact]
    public async Task A_truncated_file_fails_naming_it()
    {
        await using (var store = new SqliteEventStore(_db.Path, TestEvents.Options()))
        {
            for (int i = 0; i < 20; i++)
            {
                await store.AppendAsync($"cart-{i}", ExpectedVersion.NoStream, TestEvents.Added(50, new string('p', 200)));
            }
        }

        using (var file = new FileStream(_db.Path, FileMode.Open))
        {
            file.SetLength(file.Length / 2);
        }

        var ex = await Assert.ThrowsAsync<IOException>(async () =>
        {
            await using var store = new SqliteEventStore(_db.Path, TestEvents.Options());
            await store.ReadAllAsync(GlobalPosition.Start).ToListAsync();
            await store.AppendAsync("cart-new", ExpectedVersion.NoStream, [TestEvents.Added("x")]);
        });

        Assert.Contains(_db.Path, ex.Message);
        Assert.Contains("damaged", ex.Message);
    }

    [Fact]
    public async Task A_read_only_file_fails_naming_it()
    {
        await new SqliteEventStore(_db.Path, TestEvents.Options()).DisposeAsync();
        MakeReadOnly(_db.Path, true);
        try
        {
            var ex = await Assert.ThrowsAsync<IOException>(async () =>
            {
                await using var store = new SqliteEventStore(_db.Path, TestEvents.Options());
                await store.AppendAsync("cart-1", ExpectedVersion.NoStream, [TestEvents.Added("x")]);
            });

            Assert.Contains(_db.Path, ex.Message);
            Assert.Contains("read-only", ex.Message);
        }
        finally
        {
            MakeReadOnly(_db.Path, false);
        }
    }

    [Fact]
    public void A_file_another_connection_holds_exclusively_fails_naming_it()
    {
        using (var raw = SchemaTests.OpenRaw(_db.Path))
        {
            SchemaTests.Query(raw, "CREATE TABLE unrelated (id INTEGER);");
        }

        using var holder = SchemaTests.OpenRaw(_db.Path);
        SchemaTests.Query(holder, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;");
        var options = new SqliteEventStoreOptions { Serializer = TestEvents.Serializer, BusyTimeout = TimeSpan.FromMilliseconds(200) };

        var clock = Stopwatch.StartNew();
        var ex = Assert.Throws<IOException>(() => new SqliteEventStore(_db.Path, options));

        Assert.Contains(_db.Path, ex.Message);
        Assert.Contains("locked", ex.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public void A_database_with_a_foreign_events_table_is_refused_and_left_byte_for_byte_as_it_was()
    {
        using (var raw = SchemaTests.OpenRaw(_db.Path))
        {
            SchemaTests.Query(raw, "CREATE TABLE events (id INTEGER PRIMARY KEY, title TEXT); INSERT INTO events (title) VALUES ('launch');");
        }

        byte[] before = Hash(_db.Path);

        var ex = Assert.Throws<InvalidOperationException>(() => new SqliteEventStore(_db.Path, TestEvents.Options()));

        Assert.Contains(_db.Path, ex.Message);
        Assert.Contains("not an Eventfold store", ex.Message);
        Assert.Contains("'events'", ex.Message);
        Assert.Equal(before, Hash(_db.Path));
        Assert.False(File.Exists(_db.Path + "-wal"));
        using var check = SchemaTests.OpenRaw(_db.Path);
        Assert.Equal("delete", SchemaTests.Query(check, "PRAGMA journal_mode;").Single());
    }

    [Theory]
    [InlineData("PRAGMA application_id = 1234;")]
    [InlineData("CREATE TABLE things (id INTEGER); PRAGMA user_version = 1;")]
    public void Another_applications_database_is_refused_before_anything_is_written(string setup)
    {
        using (var raw = SchemaTests.OpenRaw(_db.Path))
        {
            SchemaTests.Query(raw, setup + " CREATE TABLE IF NOT EXISTS filler (x); INSERT INTO filler VALUES (1);");
        }

        byte[] before = Hash(_db.Path);

        Assert.Throws<InvalidOperationException>(() => new SqliteEventStore(_db.Path, TestEvents.Options()));

        Assert.Equal(before, Hash(_db.Path));
        Assert.False(File.Exists(_db.Path + "-wal"));
    }

    private static byte[] Hash(string path) => SHA256.HashData(File.ReadAllBytes(path));

    /// <summary>A file even root cannot write: the immutable attribute when running as root, permissions otherwise.</summary>
    private static void MakeReadOnly(string path, bool readOnly)
    {
        if (Environment.UserName == "root" && OperatingSystem.IsLinux())
        {
            using var chattr = Process.Start(new ProcessStartInfo("chattr", [readOnly ? "+i" : "-i", path]) { RedirectStandardError = true })!;
            chattr.WaitForExit();
            Assert.True(chattr.ExitCode == 0, "chattr failed: " + chattr.StandardError.ReadToEnd());
        }
        else
        {
            File.SetAttributes(path, readOnly ? FileAttributes.ReadOnly : FileAttributes.Normal);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, readOnly ? UnixFileMode.UserRead | UnixFileMode.GroupRead : UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
    }
}
