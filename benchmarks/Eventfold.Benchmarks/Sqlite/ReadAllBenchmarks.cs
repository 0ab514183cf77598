using BenchmarkDotNet.Attributes;
using Eventfold.Benchmarks.Domain;
using Eventfold.Sqlite;
using Microsoft.Data.Sqlite;

namespace Eventfold.Benchmarks.Sqlite;

/// <summary>
/// Reads the whole global log of <see cref="StoredEvents"/> events, written in setup through the store
/// (100 streams of 100). Times are per event (<c>OperationsPerInvoke</c>). The raw baseline selects the
/// same rows and columns in one query and reads each column into its .NET type, deserializing nothing;
/// the store also verifies each row's checksum, turns each payload into its event and builds a
/// <see cref="RecordedEvent"/>. A second copy of the file with its checksums cleared (as rows written
/// before schema 3 have none) shows what the verification costs.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
public class ReadAllBenchmarks
{
    public const int StoredEvents = 10_000;
    private const int StreamLength = 100;

    private TempDatabase _file = null!;
    private SqliteEventStore _store = null!;
    private TempDatabase _uncheckedFile = null!;
    private SqliteEventStore _uncheckedStore = null!;
    private SqliteConnection _raw = null!;
    private SqliteCommand _select = null!;

    [GlobalSetup]
    public void Setup()
    {
        _file = new TempDatabase("read");
        _store = new SqliteEventStore(_file.Path);
        var history = EventMix.History(StreamLength);
        for (int s = 0; s < StoredEvents / StreamLength; s++)
        {
            _store.AppendAsync($"account-{s}", ExpectedVersion.NoStream, history).GetAwaiter().GetResult();
        }

        _raw = _file.OpenRaw();
        using (var checkpoint = _raw.CreateCommand())
        {
            // Both readers then find every row in the main file, not in the write-ahead log.
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }

        _uncheckedFile = new TempDatabase("read-unchecked");
        _store.BackupAsync(_uncheckedFile.Path).GetAwaiter().GetResult();
        using (var clear = _uncheckedFile.OpenRaw())
        using (var command = clear.CreateCommand())
        {
            command.CommandText = "UPDATE events SET checksum = NULL; PRAGMA wal_checkpoint(TRUNCATE);";
            command.ExecuteNonQuery();
        }

        _uncheckedStore = new SqliteEventStore(_uncheckedFile.Path);
        _select = _raw.CreateCommand();
        _select.CommandText =
            "SELECT position, stream, version, event_id, event_name, schema_version, data, metadata, timestamp FROM events ORDER BY position;";
        _select.Prepare();

        long raw = RawSelect(), store = StoreReadAllAsync().GetAwaiter().GetResult(), unchecked_ = StoreReadAllWithoutChecksumsAsync().GetAwaiter().GetResult();
        if (raw != StoredEvents || store != StoredEvents || unchecked_ != StoredEvents)
        {
            throw new InvalidOperationException($"Expected {StoredEvents} events; the raw select read {raw}, the store {store}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _select.Dispose();
        _raw.Dispose();
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _uncheckedStore.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _file.Dispose();
        _uncheckedFile.Dispose();
    }

    /// <returns>The number of events read, checked in setup.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = StoredEvents, Description = "Raw SELECT (columns only)")]
    public long RawSelect()
    {
        long count = 0;
        using var reader = _select.ExecuteReader();
        while (reader.Read())
        {
            long position = reader.GetInt64(0);
            string stream = reader.GetString(1);
            long version = reader.GetInt64(2);
            byte[] eventId = reader.GetFieldValue<byte[]>(3);
            string name = reader.GetString(4);
            int schema = reader.GetInt32(5);
            byte[] data = reader.GetFieldValue<byte[]>(6);
            byte[] metadata = reader.GetFieldValue<byte[]>(7);
            long timestamp = reader.GetInt64(8);
            count += position > 0 && version >= 0 && stream.Length + eventId.Length + name.Length + schema + data.Length + metadata.Length > 0 && timestamp > 0 ? 1 : 0;
        }

        return count;
    }

    [Benchmark(OperationsPerInvoke = StoredEvents, Description = "SqliteEventStore.ReadAllAsync")]
    public Task<long> StoreReadAllAsync() => ReadAll(_store);

    [Benchmark(OperationsPerInvoke = StoredEvents, Description = "ReadAllAsync, rows without checksum")]
    public Task<long> StoreReadAllWithoutChecksumsAsync() => ReadAll(_uncheckedStore);

    private static async Task<long> ReadAll(SqliteEventStore store)
    {
        long count = 0;
        await foreach (var e in store.ReadAllAsync(GlobalPosition.Start))
        {
            count += e.Event is not null ? 1 : 0;
        }

        return count;
    }
}
