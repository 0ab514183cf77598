using System.Text.Json;

namespace Eventfold.EventStoreDb.Tests;

/// <summary>
/// Eventfold and the official Node client (@eventstore/db-client) read each other's events on the
/// server named by EVENTFOLD_ESDB; skipped without one.
/// </summary>
public class NodeInteropTests
{
    private static readonly EventStoreOptions Options = new() { Serializer = TestEvents.Serializer };

    private static string NewStream() => $"interop-{Guid.NewGuid():N}";

    [SkippableFact]
    public async Task Events_appended_by_Eventfold_read_back_in_the_node_client_with_metadata_and_positions()
    {
        string cs = EsdbServer.Require();
        await using var store = new EventStoreDbEventStore(cs, Options);
        var stream = NewStream();
        var first = new EventData(new ItemAdded("sku-1", 2), Guid.NewGuid(), new EventMetadata { CorrelationId = "corr-7", CausationId = "cause-7", Headers = new Dictionary<string, string> { ["tenant"] = "acme" } });
        await store.AppendAsync(stream, ExpectedVersion.NoStream, [first, EventData.From(new ItemRemoved("sku-1"))]);
        var ours = await store.ReadStreamAsync(stream).ToListAsync();

        var theirs = (await NodeClient.RunAsync("read", cs, stream)).EnumerateArray().ToList();

        Assert.Equal(2, theirs.Count);
        Assert.Equal(first.EventId.ToString(), theirs[0].GetProperty("id").GetString());
        Assert.Equal("ItemAdded", theirs[0].GetProperty("type").GetString());
        Assert.Equal("ItemRemoved", theirs[1].GetProperty("type").GetString());
        Assert.True(theirs[0].GetProperty("isJson").GetBoolean()); // content type application/json
        Assert.Equal("sku-1", theirs[0].GetProperty("data").GetProperty("sku").GetString());
        Assert.Equal(2, theirs[0].GetProperty("data").GetProperty("quantity").GetInt32());
        var metadata = theirs[0].GetProperty("metadata");
        Assert.Equal("corr-7", metadata.GetProperty("$correlationId").GetString());
        Assert.Equal("cause-7", metadata.GetProperty("$causationId").GetString());
        Assert.Equal("acme", metadata.GetProperty("tenant").GetString());
        Assert.Equal(2, metadata.GetProperty("$schemaVersion").GetInt32());
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(ours[i].Version.ToString(), theirs[i].GetProperty("revision").GetString());
            Assert.Equal(ours[i].Position.Commit.ToString(), theirs[i].GetProperty("commit").GetString());
            Assert.Equal(ours[i].Position.Prepare.ToString(), theirs[i].GetProperty("prepare").GetString());
            Assert.Equal(ours[i].Timestamp, DateTimeOffset.Parse(theirs[i].GetProperty("created").GetString()!, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromMilliseconds(1));
        }
    }

    [SkippableFact]
    public async Task Events_appended_by_the_node_client_read_in_Eventfold_with_metadata_and_positions()
    {
        string cs = EsdbServer.Require();
        var stream = NewStream();
        var id = Guid.NewGuid();
        var events = JsonSerializer.Serialize(new object[]
        {
            new { id, type = "ItemAdded", data = new { sku = "n-1", quantity = 5 }, metadata = new Dictionary<string, object> { ["$correlationId"] = "node-corr", ["$schemaVersion"] = 2, ["origin"] = "node" } },
            new { id = Guid.NewGuid(), type = "ItemRemoved", data = new { sku = "n-1" }, metadata = new Dictionary<string, object>() },
        });
        var appended = await NodeClient.RunAsync("append", cs, stream, events);

        await using var store = new EventStoreDbEventStore(cs, Options);
        var read = await store.ReadStreamAsync(stream).ToListAsync();

        Assert.Equal(2, read.Count);
        Assert.Equal(id, read[0].EventId);
        Assert.Equal(new ItemAdded("n-1", 5), read[0].Event);
        Assert.Equal(2, read[0].SchemaVersion);
        Assert.Equal("node-corr", read[0].Metadata.CorrelationId);
        Assert.Equal("node", read[0].Metadata.Headers!["origin"]);
        Assert.Equal(new ItemRemoved("n-1"), read[1].Event);
        Assert.Equal(1, read[1].SchemaVersion); // no $schemaVersion: an event of another client reads as version 1
        Assert.Equal(appended.GetProperty("nextExpectedRevision").GetString(), read[1].Version.ToString());
        var fromAll = await store.ReadAllAsync(GlobalPosition.Start, EventFilter.ForStreamPrefixes(stream)).ToListAsync();
        Assert.Equal(read.Select(e => e.Position), fromAll.Select(e => e.Position));
    }
}
