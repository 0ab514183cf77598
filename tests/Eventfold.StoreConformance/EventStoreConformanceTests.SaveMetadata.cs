using System.Diagnostics;

namespace Eventfold.StoreConformance;

public abstract partial class EventStoreConformanceTests
{
    [SkippableFact]
    public async Task Metadata_given_to_SaveAsync_is_stored_with_every_event_of_the_save_and_read_back_everywhere()
    {
        var tallies = Tallies();
        string id = NewTallyId();
        var tally = tallies.Create(id);
        tally.Add("apple", 1);
        tally.Add("pear", 2);
        var metadata = new EventMetadata
        {
            CorrelationId = "order-flow-1",
            CausationId = "command-9",
            Headers = new Dictionary<string, string> { ["tenant"] = "acme", ["user"] = "ada" },
        };

        await tallies.SaveAsync(tally, metadata);
        tally.Remove("apple");
        await tallies.SaveAsync(tally);

        string stream = AggregateRepository<Tally>.StreamFor(id);
        var byStream = await Store.ReadStreamAsync(stream).ToListAsync();
        var inLog = await Store.ReadAllAsync(GlobalPosition.Start).Where(e => e.Stream == stream).ToListAsync();
        foreach (var read in new[] { byStream, inLog })
        {
            Assert.Equal(3, read.Count);
            Assert.All(read.Take(2), e =>
            {
                Assert.Equal(("order-flow-1", "command-9"), (e.Metadata.CorrelationId, e.Metadata.CausationId));
                Assert.Equal(metadata.Headers.OrderBy(h => h.Key), e.Metadata.Headers!.OrderBy(h => h.Key));
                Assert.Equal("order-flow-1", new EventContext(e).Metadata.CorrelationId);
            });
            Assert.Null(read[2].Metadata.CorrelationId);
            Assert.Null(read[2].Metadata.CausationId);
        }
    }

    [SkippableFact]
    public async Task A_save_without_a_correlation_takes_the_ambient_activitys_trace_id()
    {
        var tallies = Tallies();
        string id = NewTallyId();
        var tally = tallies.Create(id);
        tally.Add("apple", 1);
        using var activity = new Activity("conformance.request").SetIdFormat(ActivityIdFormat.W3C).Start();

        await tallies.SaveAsync(tally, new EventMetadata { CausationId = "command-1" });

        var saved = Assert.Single(await Store.ReadStreamAsync(AggregateRepository<Tally>.StreamFor(id)).ToListAsync());
        Assert.Equal((activity.TraceId.ToHexString(), "command-1"), (saved.Metadata.CorrelationId, saved.Metadata.CausationId));
    }
}
