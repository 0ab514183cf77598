namespace Eventfold.StoreConformance;

// StreamMigration on this store: each event kept, transformed, dropped or split, ids derived from the
// source, and a rerun after an interruption (before or after an append), a race or a failing map
// leaving the target exactly as one uninterrupted run would.
public abstract partial class EventStoreConformanceTests
{
    /// <summary>Removals dropped, a quantity of 2 split into two lines, "sku-0" rewritten, the rest kept.</summary>
    private static Migrated CartMap(RecordedEvent e) => e.Event switch
    {
        ItemRemoved => Migrated.Drop,
        ItemAdded { Quantity: 2 } a => Migrated.Into(new LineAdded(a.Sku, 1, 0m), new LineAdded(a.Sku, 1, 0m)),
        ItemAdded { Sku: "sku-0" } a => Migrated.Into(new LineAdded(a.Sku, a.Quantity, 9.5m)),
        _ => Migrated.Keep,
    };

    private async Task<string> CartSourceAsync(int count)
    {
        var source = NewStream();
        var events = Enumerable.Range(0, count)
            .Select(i => i % 5 == 4
                ? new EventData(new ItemRemoved($"sku-{i}"), Guid.NewGuid(), new EventMetadata { CorrelationId = $"c-{i}" })
                : new EventData(new ItemAdded($"sku-{i % 7}", i % 3), Guid.NewGuid(), new EventMetadata { CorrelationId = $"c-{i}" }))
            .ToArray();
        await Store.AppendAsync(source, ExpectedVersion.NoStream, events);
        return source;
    }

    /// <summary>What a migrated stream holds, ids and provenance included, in a form two streams compare by.</summary>
    private async Task<List<string>> ContentsAsync(string stream) =>
        await Store.ReadStreamAsync(stream, StreamReadOptions.Forwards).Select(e =>
            $"{e.Version} {e.EventId} {e.EventName}@{e.SchemaVersion} {e.Event} {e.Metadata.CorrelationId} " +
            string.Join(",", (e.Metadata.Headers ?? new Dictionary<string, string>()).Where(h => h.Key != MigrationHeaders.SourceTimestamp).OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => h.Key + "=" + h.Value)))
            .ToListAsync();

    [SkippableFact]
    public async Task A_migration_keeps_transforms_drops_and_splits_each_event_and_records_its_source()
    {
        var source = await CartSourceAsync(10);
        var target = NewStream("cart2");

        var result = await new StreamMigration(Store, CartMap).RunAsync(source, target);

        var written = await Store.ReadStreamAsync(target, StreamReadOptions.Forwards).ToListAsync();
        var sourceEvents = await Store.ReadStreamAsync(source, StreamReadOptions.Forwards).ToListAsync();
        // 0: sku-0 q0 rewritten, 1: sku-1 q1 kept, 2: sku-2 q2 split, 3: kept, 4: dropped, 5: sku-5 q2 split, 6: kept, 7: sku-0 q1 rewritten, 8: split, 9: dropped.
        Assert.Equal(
            [(0L, 0), (1L, 0), (2L, 0), (2L, 1), (3L, 0), (5L, 0), (5L, 1), (6L, 0), (7L, 0), (8L, 0), (8L, 1)],
            written.Select(e => (long.Parse(e.Metadata.Headers![MigrationHeaders.SourceVersion]), int.Parse(e.Metadata.Headers[MigrationHeaders.SourcePart]))));
        Assert.Equal(new LineAdded("sku-0", 0, 9.5m), written[0].Event);
        Assert.Equal(new ItemAdded("sku-1", 1), written[1].Event);
        Assert.Equal(new LineAdded("sku-2", 1, 0m), written[3].Event);
        Assert.All(written, e => Assert.Equal(source, e.Metadata.Headers![MigrationHeaders.SourceStream]));
        Assert.Equal(["c-0", "c-1", "c-2", "c-2"], written.Take(4).Select(e => e.Metadata.CorrelationId));
        Assert.Equal(
            sourceEvents[3].Timestamp,
            DateTimeOffset.Parse(written[4].Metadata.Headers![MigrationHeaders.SourceTimestamp], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new StreamMigrationResult(source, target, SourceVersion: 9, TargetVersion: 10, EventsRead: 10, EventsAppended: 11, SourceMarked: false), result);
        Assert.Equal(9, await Store.GetStreamVersionAsync(source));
    }

    [SkippableFact]
    public async Task A_rerun_writes_nothing_and_a_later_run_migrates_only_what_was_appended_since()
    {
        var source = await CartSourceAsync(5);
        var target = NewStream("cart2");
        var migration = new StreamMigration(Store, CartMap);
        await migration.RunAsync(source, target);
        var once = await ContentsAsync(target);

        var rerun = await migration.RunAsync(source, target);
        var afterRerun = await ContentsAsync(target);
        await Store.AppendAsync(source, ExpectedVersion.Exactly(4), [EventData.From(new ItemAdded("late", 1))]);
        var later = await migration.RunAsync(source, target);

        Assert.Equal(once, afterRerun);
        // A run starts after the last source event the target holds: 4 was dropped, so each run maps it again.
        Assert.Equal((1, 0), (rerun.EventsRead, rerun.EventsAppended));
        Assert.Equal((2, 1), (later.EventsRead, later.EventsAppended));
        var last = await Store.ReadStreamAsync(target, StreamReadOptions.Backwards).FirstAsync();
        Assert.Equal((new ItemAdded("late", 1) as object, "5"), (last.Event, last.Metadata.Headers![MigrationHeaders.SourceVersion]));
    }

    [SkippableTheory]
    [InlineData(1, false)]
    [InlineData(3, false)]
    [InlineData(2, true)]
    [InlineData(4, true)]
    public async Task A_migration_interrupted_at_an_append_and_rerun_equals_an_uninterrupted_one(int failingAppend, bool afterWriting)
    {
        var source = await CartSourceAsync(40);
        var options = new StreamMigrationOptions { BatchSize = 4 };
        var uninterrupted = NewStream("cart2");
        await new StreamMigration(Store, CartMap, options).RunAsync(source, uninterrupted);
        var target = NewStream("cart3");
        var failing = new FailingAppendStore(Store, target, failingAppend, afterWriting);

        await Assert.ThrowsAsync<IOException>(() => new StreamMigration(failing, CartMap, options).RunAsync(source, target));
        long atFailure = await Store.GetStreamVersionAsync(target);
        await new StreamMigration(Store, CartMap, options).RunAsync(source, target);

        Assert.InRange(atFailure, afterWriting ? 0 : -1, 45);
        // Ids come from the source alone, so the two targets hold the very same events.
        Assert.Equal(
            (await ContentsAsync(uninterrupted)).Select(c => c.Replace(uninterrupted, "T", StringComparison.Ordinal)),
            (await ContentsAsync(target)).Select(c => c.Replace(target, "T", StringComparison.Ordinal)));
    }

    [SkippableFact]
    public async Task Two_runs_of_one_migration_racing_each_other_write_every_event_once()
    {
        var source = await CartSourceAsync(60);
        var options = new StreamMigrationOptions { BatchSize = 3 };
        var expected = NewStream("cart2");
        await new StreamMigration(Store, CartMap, options).RunAsync(source, expected);
        var target = NewStream("cart3");

        var runs = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => new StreamMigration(Store, CartMap, options).RunAsync(source, target))));

        long expectedVersion = await Store.GetStreamVersionAsync(expected);
        Assert.All(runs, r => Assert.Equal((59L, expectedVersion), (r.SourceVersion, r.TargetVersion)));
        Assert.Equal(await ContentsAsync(expected), await ContentsAsync(target));
    }

    [SkippableFact]
    public async Task A_marked_source_ends_with_its_marker_once_and_a_later_event_in_it_fails_the_rerun()
    {
        var source = await CartSourceAsync(4);
        var target = NewStream("cart2");
        var options = new StreamMigrationOptions { MarkSource = (to, through) => new CartMigrated(to, through) };
        // The marker's append fails once (as a crash between the last batch and the marker would), then the rerun marks.
        var failing = new FailingAppendStore(Store, source, failingAppend: 1, afterWriting: false);
        await Assert.ThrowsAsync<IOException>(() => new StreamMigration(failing, CartMap, options).RunAsync(source, target));
        var marked = await new StreamMigration(Store, CartMap, options).RunAsync(source, target);
        var again = await new StreamMigration(Store, CartMap, options).RunAsync(source, target);

        var sourceEvents = await Store.ReadStreamAsync(source, StreamReadOptions.Forwards).ToListAsync();
        Assert.Equal(new CartMigrated(target, 3), sourceEvents[^1].Event);
        Assert.Equal(target, sourceEvents[^1].Metadata.Headers![MigrationHeaders.MigratedTo]);
        Assert.Equal(5, sourceEvents.Count);
        Assert.True(marked.SourceMarked);
        Assert.Equal((true, 0, 0), (again.SourceMarked, again.EventsRead, again.EventsAppended));

        await Store.AppendAsync(source, ExpectedVersion.Exactly(4), [EventData.From(new ItemAdded("too-late", 1))]);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new StreamMigration(Store, CartMap, options).RunAsync(source, target));
        Assert.Contains("version 5", error.Message);
        Assert.Contains(source, error.Message);
    }

    [SkippableFact]
    public async Task A_target_holding_other_events_is_refused_and_left_unchanged()
    {
        var source = await CartSourceAsync(3);
        var target = NewStream("cart2");
        await Store.AppendAsync(target, ExpectedVersion.NoStream, Items(2));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new StreamMigration(Store, CartMap).RunAsync(source, target));

        Assert.Contains(target, error.Message);
        Assert.Equal(1, await Store.GetStreamVersionAsync(target));
    }

    [SkippableFact]
    public async Task A_failing_map_names_the_event_keeps_what_was_written_and_a_fixed_map_resumes()
    {
        var source = await CartSourceAsync(20);
        var options = new StreamMigrationOptions { BatchSize = 2 };
        var expected = NewStream("cart2");
        await new StreamMigration(Store, CartMap, options).RunAsync(source, expected);
        var target = NewStream("cart3");
        Migrated Broken(RecordedEvent e) => e.Version == 13 ? throw new FormatException("bad sku") : CartMap(e);

        var error = await Assert.ThrowsAsync<StreamMigrationException>(() => new StreamMigration(Store, Broken, options).RunAsync(source, target));
        long kept = await Store.GetStreamVersionAsync(target);
        await new StreamMigration(Store, CartMap, options).RunAsync(source, target);

        Assert.Equal((source, 13L, "conformance.item-added"), (error.SourceStream, error.Version, error.EventName));
        Assert.Contains("version 13", error.Message);
        Assert.IsType<FormatException>(error.InnerException);
        Assert.InRange(kept, 10, 14);
        Assert.Equal(
            (await ContentsAsync(expected)).Select(c => c.Replace(expected, "T", StringComparison.Ordinal)),
            (await ContentsAsync(target)).Select(c => c.Replace(target, "T", StringComparison.Ordinal)));
    }

    [SkippableFact]
    public async Task A_copy_keeps_every_event_as_stored()
    {
        var source = await CartSourceAsync(7);
        var target = NewStream("copy");

        var result = await StreamMigration.CopyAsync(Store, source, target);

        var from = await Store.ReadStreamAsync(source, StreamReadOptions.Forwards).ToListAsync();
        var to = await Store.ReadStreamAsync(target, StreamReadOptions.Forwards).ToListAsync();
        Assert.Equal(from.Select(e => (e.Version, e.EventName, e.SchemaVersion, e.Event, e.Metadata.CorrelationId)), to.Select(e => (e.Version, e.EventName, e.SchemaVersion, e.Event, e.Metadata.CorrelationId)));
        Assert.Equal((6L, 7), (result.TargetVersion, result.EventsAppended));
    }
}

/// <summary>Throws an IOException at the n-th append to one stream, before or after passing it on, as a crash or a lost reply would.</summary>
public sealed class FailingAppendStore(IEventStore inner, string stream, int failingAppend, bool afterWriting) : DelegatingEventStore(inner)
{
    private int _appends;

    public override async Task<AppendResult> AppendAsync(string stream1, ExpectedVersion expected, IReadOnlyList<EventData> events, CancellationToken ct = default)
    {
        if (stream1 != stream || Interlocked.Increment(ref _appends) != failingAppend)
        {
            return await base.AppendAsync(stream1, expected, events, ct);
        }

        if (afterWriting)
        {
            await base.AppendAsync(stream1, expected, events, ct);
        }

        throw new IOException($"append {failingAppend} to '{stream}' failed");
    }
}
