using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Eventfold.Sqlite.Tests;

/// <summary>The warning an append logs when another connection holds the file's write lock past the busy timeout.</summary>
public sealed class LockTimeoutLogTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task An_append_that_times_out_on_the_write_lock_logs_event_2001_with_its_fields()
    {
        var logs = new CapturingLoggerFactory();
        var options = TestEvents.Options();
        options.BusyTimeout = TimeSpan.FromMilliseconds(200);
        options.LoggerFactory = logs;
        await using var store = new SqliteEventStore(_db.Path, options);
        await store.AppendAsync("warm-up", ExpectedVersion.NoStream, [TestEvents.Added("a")]);
        using var other = SchemaTests.OpenRaw(_db.Path);
        SchemaTests.Query(other, "BEGIN IMMEDIATE;");

        await Assert.ThrowsAsync<TimeoutException>(() => store.AppendAsync("order-1", ExpectedVersion.Any, [TestEvents.Added("b")]));
        SchemaTests.Query(other, "ROLLBACK;");

        var entry = Assert.Single(logs.Entries, e => e.EventId.Id == 2001);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal(_db.Path, entry.Fields["Path"]);
        Assert.Equal("order-1", entry.Fields["Stream"]);
        Assert.Equal(200d, entry.Fields["BusyTimeoutMs"]);
        Assert.NotNull(entry.Error);
        Assert.Contains("waited 200 ms for the file's write lock", entry.Message, StringComparison.Ordinal);
    }

    internal sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, IReadOnlyDictionary<string, object?> Fields, Exception? Error);

    /// <summary>Keeps every entry with its structured fields, as a structured-logging sink would.</summary>
    internal sealed class CapturingLoggerFactory : ILoggerFactory
    {
        public ConcurrentQueue<LogEntry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerFactory owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var fields = (state as IEnumerable<KeyValuePair<string, object?>>)?.ToDictionary(p => p.Key, p => p.Value) ?? new();
                owner.Entries.Enqueue(new LogEntry(category, logLevel, eventId, formatter(state, exception), fields, exception));
            }
        }
    }
}
