using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Eventfold.Tests.Telemetry;

/// <summary>Keeps each entry with its event id and structured fields.</summary>
internal sealed class FieldLogger : ILogger
{
    public ConcurrentQueue<(LogLevel Level, EventId Id, string Text, IReadOnlyDictionary<string, object?> Fields, Exception? Error)> Entries { get; } = new();

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

        Entries.Enqueue((logLevel, eventId, formatter(state, exception), fields, exception));
    }
}
