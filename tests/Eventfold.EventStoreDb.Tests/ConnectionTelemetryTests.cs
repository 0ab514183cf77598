using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace Eventfold.EventStoreDb.Tests;

/// <summary>What a connection logs and measures when it retries, reconnects and gives up; and that no password shows.</summary>
public class ConnectionTelemetryTests
{
    private const string Password = "Pw9-s3cr";

    private static EventStoreDbEventStore Store(FakeCluster cluster, string connectionString, ILoggerFactory loggers) =>
        new(ConnectionString.Parse(connectionString), new EventStoreOptions { Serializer = TestEvents.Serializer, LoggerFactory = loggers }, cluster, new Random(7));

    private static EventData[] Added(string sku) => [EventData.From(new ItemAdded(sku, 1))];

    [Fact]
    public async Task A_failing_connection_logs_its_retries_and_its_failure_and_never_the_password()
    {
        var loggers = new CapturingLoggerFactory();
        var cluster = new FakeCluster("a", "b");
        cluster["a"].Down = true;
        cluster["b"].Down = true;
        await using var store = Store(cluster, $"esdb+discover://ops:{Password}@a:2113,b:2113?tls=false&maxDiscoverAttempts=3&discoveryInterval=1", loggers);

        var error = await Assert.ThrowsAsync<EventStoreDbUnavailableException>(() => store.AppendAsync("cart-1", ExpectedVersion.NoStream, Added("x")));

        var entries = loggers.Entries.ToArray();
        var noNode = entries.Where(e => e.Id.Id == 7005).ToArray();
        Assert.Equal([1, 2, 3], noNode.Select(e => (int)e.Fields["Attempt"]!)); // each round's failure, then the error
        Assert.All(noNode, e => Assert.Equal(LogLevel.Warning, e.Level));
        Assert.Equal("append to stream 'cart-1'", noNode[0].Fields["Operation"]);
        Assert.Equal(3, noNode[0].Fields["MaxAttempts"]);
        var gaveUp = Assert.Single(entries, e => e.Id.Id == 7004);
        Assert.Equal(LogLevel.Error, gaveUp.Level);
        Assert.Same(error, gaveUp.Error);
        Assert.All(entries, e => Assert.Equal(ConnectionTelemetry.Category, e.Category));
        foreach (var entry in entries)
        {
            Assert.DoesNotContain(Password, entry.AllText, StringComparison.Ordinal);
            Assert.DoesNotContain("Pw9", entry.AllText, StringComparison.Ordinal);
        }

        Assert.Contains(cluster.Sent, s => s.Headers?.GetValue("authorization") is not null); // the credentials were sent, only never logged
    }

    [Fact]
    public async Task A_dropped_call_is_logged_as_a_retry_and_a_reconnection_and_the_append_at_debug()
    {
        var loggers = new CapturingLoggerFactory();
        var cluster = new FakeCluster("solo");
        await using var store = Store(cluster, $"esdb://ops:{Password}@solo:2113?tls=false&discoveryInterval=1", loggers);
        await store.AppendAsync("cart-2", ExpectedVersion.NoStream, Added("x"));
        cluster["solo"].FailNextCalls = 1;

        await store.AppendAsync("cart-2", 0, Added("y"));

        var entries = loggers.Entries.ToArray();
        var connected = Assert.Single(entries, e => e.Id.Id == 7002);
        Assert.Equal(LogLevel.Information, connected.Level);
        Assert.Equal("solo:2113", connected.Fields["Node"]);
        var retry = Assert.Single(entries, e => e.Id.Id == 7001);
        Assert.Equal(LogLevel.Warning, retry.Level);
        Assert.Equal("unavailable", retry.Fields["Reason"]);
        Assert.Equal("solo:2113", retry.Fields["Node"]);
        Assert.Equal("append to stream 'cart-2'", retry.Fields["Operation"]);
        var reconnected = Assert.Single(entries, e => e.Id.Id == 7003);
        Assert.Equal(LogLevel.Warning, reconnected.Level);
        Assert.Equal("solo:2113", reconnected.Fields["PreviousNode"]);

        var appends = entries.Where(e => e.Id.Id == 1001).ToArray();
        Assert.Equal(2, appends.Length);
        Assert.All(appends, e => Assert.Equal(LogLevel.Debug, e.Level));
        Assert.Equal("cart-2", appends[1].Fields["Stream"]);
        Assert.Equal("esdb", appends[1].Fields["Store"]);
        Assert.Equal(ExpectedVersion.Exactly(0), appends[1].Fields["ExpectedVersion"]);
        Assert.Equal(1, appends[1].Fields["Events"]);
        Assert.Equal(1L, appends[1].Fields["NextVersion"]);
        Assert.All(entries, e => Assert.DoesNotContain(Password, e.AllText, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Calls_retries_and_reconnections_are_measured()
    {
        var measured = new ConcurrentQueue<(string Name, long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == EventfoldMetrics.MeterName && instrument.Name.StartsWith("eventfold.esdb.", StringComparison.Ordinal))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((i, value, tags, _) =>
        {
            var copy = new Dictionary<string, object?>();
            foreach (var t in tags)
            {
                copy[t.Key] = t.Value;
            }

            measured.Enqueue((i.Name, value, copy));
        });
        listener.Start();
        var cluster = new FakeCluster("a", "b");
        await using var store = Store(cluster, "esdb+discover://a:2113?tls=false&discoveryInterval=1", new CapturingLoggerFactory());
        await store.AppendAsync("cart-3", ExpectedVersion.NoStream, Added("x"));

        cluster.MakeLeader("b"); // the next append on a is told "not the leader" and goes to b
        await store.AppendAsync("cart-3", 0, Added("y"));

        // Other tests run at the same time on the same meter: at least this test's measurements are there.
        Assert.True(Count("eventfold.esdb.calls", "outcome", "ok") >= 2);
        Assert.True(Count("eventfold.esdb.retries", "reason", "not_leader") >= 1);
        Assert.True(Count("eventfold.esdb.reconnects", null, null) >= 1);

        long Count(string name, string? key, object? value) =>
            measured.Where(m => m.Name == name && (key is null || Equals(m.Tags.GetValueOrDefault(key), value))).Sum(m => m.Value);
    }
}
