using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Eventfold.EventStoreDb.Tests;

/// <summary>Keeps every entry logged through it, with its structured fields and everything a provider could print.</summary>
internal sealed class CapturingLoggerFactory : ILoggerFactory
{
    public ConcurrentQueue<Entry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    public sealed record Entry(string Category, LogLevel Level, EventId Id, string Text, IReadOnlyDictionary<string, object?> Fields, Exception? Error)
    {
        /// <summary>Everything a log provider could write of this entry: text, every field, the exception with its inner ones.</summary>
        public string AllText => $"{Category} {Id} {Text} {string.Join(" ", Fields.Select(f => $"{f.Key}={f.Value}"))} {Error}";
    }

    private sealed class Logger(CapturingLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = new Dictionary<string, object?>();
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var pair in pairs)
                {
                    fields[pair.Key] = pair.Value;
                }
            }

            owner.Entries.Enqueue(new Entry(category, logLevel, eventId, formatter(state, exception), fields, exception));
        }
    }
}
