namespace Eventfold.Tests.Aggregates;

[Event("ledger.noted", Version = 1)]
public sealed record NotedV1(string Text);

[Event("ledger.noted", Version = 2)]
public sealed record Noted(string Text, string Author);

public static class NotedUpcasts
{
    [Upcaster]
    public static Noted ToV2(NotedV1 e) => new(e.Text, "unknown");
}

[Aggregate("ledger")]
public sealed partial class Ledger
{
    public List<string> Notes { get; } = [];

    public void Note(string text) => Raise(new Noted(text, "me"));

    // What an aggregate must not do: raise a version that a later one supersedes.
    public void NoteTheOldWay(string text) => Raise(new NotedV1(text));

    private void Apply(Noted e) => Notes.Add($"{e.Text} by {e.Author}");

    private void Apply(NotedV1 e) => Notes.Add(e.Text);
}

public sealed class SupersededVersionTests
{
    [Fact]
    public async Task Saving_a_superseded_event_version_is_refused_and_nothing_is_written()
    {
        await using var store = new InMemoryEventStore();
        var ledgers = new AggregateRepository<Ledger>(store);
        var ledger = ledgers.Create("l-1");
        ledger.NoteTheOldWay("old");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ledgers.SaveAsync(ledger));

        Assert.Contains("'NotedV1', version 1 of event 'ledger.noted', which version 2 supersedes", error.Message);
        Assert.Equal(-1, await store.GetStreamVersionAsync("ledger-l-1"));
    }

    [Fact]
    public async Task History_written_as_an_older_release_wrote_it_loads_through_the_upcaster()
    {
        await using var store = new InMemoryEventStore();
        await store.AppendAsync("ledger-l-2", ExpectedVersion.NoStream, new object[] { new NotedV1("written by release 1") });
        var ledgers = new AggregateRepository<Ledger>(store);
        var ledger = await ledgers.LoadAsync("l-2");
        ledger!.Note("today");
        await ledgers.SaveAsync(ledger);

        var stored = await store.ReadStreamAsync("ledger-l-2").ToListAsync();

        Assert.Equal([1, 2], stored.Select(e => e.SchemaVersion));
        Assert.Equal(["written by release 1 by unknown", "today by me"], (await ledgers.LoadAsync("l-2"))!.Notes);
    }
}
