using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace Eventfold.Tests.Dispatching;

public sealed class ReportingTests
{
    [Fact]
    public async Task A_drop_reaches_the_callback_the_log_and_the_meter()
    {
        string name = $"drops-{Guid.NewGuid():N}";
        using var meter = new MeterProbe(name);
        var logger = new ListLogger();
        var gate = new Gate();
        var dropped = new ConcurrentQueue<UndeliveredMessage>();
        var notifier = new TestNotifier(
            new DispatcherOptions { Name = name, Capacity = 1, Overflow = OverflowPolicy.DropOldest, Logger = logger, OnUndelivered = dropped.Enqueue },
            (_, ct) => gate.PassAsync(ct));
        notifier.TryEnqueue(new Ping(0));
        await Eventually.True(() => gate.Waiting == 1, "held");

        notifier.TryEnqueue(new Ping(1));
        notifier.TryEnqueue(new Ping(2));   // drops 1
        gate.Open();
        await notifier.DisposeAsync();

        Assert.Equal(new Ping(1), Assert.Single(dropped).Message);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Text.Contains(name) && e.Text.Contains("Ping") && e.Text.Contains("DroppedOldest"));
        Assert.Equal(1, meter.Total("eventfold.dispatcher.dropped", "drop_oldest"));
    }

    [Fact]
    public async Task A_throwing_handler_is_reported_and_never_kills_its_worker()
    {
        string name = $"fails-{Guid.NewGuid():N}";
        using var meter = new MeterProbe(name);
        var logger = new ListLogger();
        var failed = new ConcurrentQueue<UndeliveredMessage>();
        var handled = new ConcurrentQueue<int>();
        var notifier = new TestNotifier(
            new DispatcherOptions { Name = name, Workers = 1, Logger = logger, OnUndelivered = failed.Enqueue },
            (m, _) =>
            {
                if (m.Id % 2 == 1)
                {
                    throw new InvalidOperationException($"odd {m.Id}");
                }

                handled.Enqueue(m.Id);
                return default;
            },
            onPong: async (_, _) => { await Task.Yield(); throw new TimeoutException("async failure"); });

        for (int i = 0; i < 10; i++)
        {
            await notifier.EnqueueAsync(new Ping(i));
        }

        await notifier.EnqueueAsync(new Pong(99));
        await Eventually.True(() => notifier.Stats.Failed == 6, "six failures");
        Assert.Equal(1, notifier.Stats.Workers);
        await notifier.EnqueueAsync(new Ping(100));
        await notifier.DisposeAsync();

        Assert.Equal([0, 2, 4, 6, 8, 100], handled);
        Assert.Equal([1, 3, 5, 7, 9], failed.Take(5).Select(f => ((Ping)f.Message).Id));
        Assert.IsType<TimeoutException>(failed.Last().Error);
        Assert.All(failed, f => Assert.Equal(UndeliveredReason.HandlerFailed, f.Reason));
        Assert.Equal(6, logger.Entries.Count(e => e.Level == LogLevel.Error && e.Error is not null));
        Assert.Equal(6, meter.Total("eventfold.dispatcher.failed", "handler_failed"));
    }

    [Fact]
    public async Task A_throwing_callback_is_logged_and_stops_nothing()
    {
        var logger = new ListLogger();
        var notifier = new TestNotifier(
            new DispatcherOptions { Capacity = 1, Overflow = OverflowPolicy.Reject, Logger = logger, OnUndelivered = _ => throw new InvalidOperationException("bad callback") },
            (m, _) => m.Id == 0 ? throw new InvalidOperationException() : default);

        await notifier.EnqueueAsync(new Ping(0));
        await Eventually.True(() => notifier.Stats.Failed == 1, "failure reported");
        await notifier.EnqueueAsync(new Ping(1));
        await notifier.DisposeAsync();

        Assert.Equal(1, notifier.Stats.Processed);
        Assert.Contains(logger.Entries, e => e.Text.Contains("OnUndelivered callback threw"));
    }
}

public sealed class ListLogger : ILogger
{
    public ConcurrentQueue<(LogLevel Level, string Text, Exception? Error)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((logLevel, formatter(state, exception), exception));
}

/// <summary>Sums the Eventfold dispatcher counters of one dispatcher, by instrument and reason.</summary>
public sealed class MeterProbe : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string, string), long> _totals = new();

    public MeterProbe(string dispatcher)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == EventfoldMetrics.MeterName && instrument.Name.StartsWith("eventfold.dispatcher.", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? name = null, reason = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "dispatcher") name = tag.Value as string;
                if (tag.Key == "reason") reason = tag.Value as string;
            }

            if (name == dispatcher)
            {
                _totals.AddOrUpdate((instrument.Name, reason ?? ""), value, (_, total) => total + value);
            }
        });
        _listener.Start();
    }

    public long Total(string instrument, string reason) => _totals.GetValueOrDefault((instrument, reason));

    public void Dispose() => _listener.Dispose();
}
