namespace Eventfold;

/// <summary>
/// Copies a stream into a new one, mapping each event on the way (keep, transform, drop, split): the way
/// to move history to another state structure, since stored events are never changed in place. Each
/// written event's id is derived from its source stream, version and part, and a run resumes after the
/// last source event the target holds, so a rerun after a crash (or a second run racing the first)
/// writes every event exactly once. Running it again later migrates the events appended since.
/// </summary>
/// <param name="store">Where both streams live.</param>
/// <param name="map">What each source event becomes; it must give the same answer for the same event on every run.</param>
/// <param name="options">Batch size and the optional source marker.</param>
public sealed class StreamMigration(IEventStore store, Func<RecordedEvent, Migrated> map, StreamMigrationOptions? options = null)
{
    private readonly IEventStore _store = store ?? throw new ArgumentNullException(nameof(store));
    private readonly Func<RecordedEvent, Migrated> _map = map ?? throw new ArgumentNullException(nameof(map));
    private readonly StreamMigrationOptions _options = Checked(options ?? new StreamMigrationOptions());

    /// <summary>Copies <paramref name="source"/> into <paramref name="target"/> unchanged (every event kept as stored).</summary>
    public static Task<StreamMigrationResult> CopyAsync(IEventStore store, string source, string target, CancellationToken ct = default) =>
        new StreamMigration(store, static _ => Migrated.Keep).RunAsync(source, target, ct);

    /// <summary>
    /// Migrates every event of <paramref name="source"/> that <paramref name="target"/> does not hold yet,
    /// then marks the source when <see cref="StreamMigrationOptions.MarkSource"/> asks.
    /// </summary>
    /// <exception cref="StreamMigrationException">The map failed on an event; what was appended before stays, and a rerun resumes.</exception>
    /// <exception cref="EventDeserializationException">A source event cannot be read; nothing of it is written.</exception>
    /// <exception cref="InvalidOperationException">
    /// The target holds events this migration did not write, or the source holds events after its marker.
    /// </exception>
    public async Task<StreamMigrationResult> RunAsync(string source, string target, CancellationToken ct = default)
    {
        StreamName.Validate(source);
        StreamName.Validate(target);
        if (string.Equals(source, target, StringComparison.Ordinal))
        {
            throw new ArgumentException($"A stream cannot be migrated into itself ('{StreamName.Quote(source)}').", nameof(target));
        }

        var run = new Run(source, target, MigrationEventIds.Marker(source, target));
        while (true)
        {
            await run.ResumeAsync(_store, ct).ConfigureAwait(false);
            try
            {
                await MigrateAsync(run, ct).ConfigureAwait(false);
                return new StreamMigrationResult(source, target, run.SourceVersion, run.TargetVersion, run.Read, run.Appended, run.Marked);
            }
            catch (WrongExpectedVersionException)
            {
                // Another run of this migration appended to the target first, or a writer appended to the
                // source before it was marked: start again from what the streams hold now.
            }
        }
    }

    private async Task MigrateAsync(Run run, CancellationToken ct)
    {
        var batch = new List<EventData>(_options.BatchSize);
        long next = run.SourceVersion + 1;
        int inPage;
        do
        {
            inPage = 0;
            var page = new StreamReadOptions(ReadDirection.Forwards, next, _options.BatchSize);
            await foreach (var e in _store.ReadStreamAsync(run.Source, page, ct).ConfigureAwait(false))
            {
                inPage++;
                next = e.Version + 1;
                if (run.Marked)
                {
                    throw new InvalidOperationException(
                        $"Stream '{StreamName.Quote(run.Source)}' was marked as migrated into '{StreamName.Quote(run.Target)}', yet holds event '{e.EventName}' " +
                        $"at version {e.Version} after its marker: something still writes to the old stream. Nothing more was migrated.");
                }

                if (e.EventId == run.MarkerId)
                {
                    run.Marked = true;
                    continue;
                }

                var written = Map(run, e);
                if (batch.Count > 0 && batch.Count + written.Count > _options.BatchSize)
                {
                    await AppendAsync(run, batch, ct).ConfigureAwait(false);
                }

                batch.AddRange(written);
                run.Read++;
                run.SourceVersion = e.Version;
            }
        }
        while (inPage == _options.BatchSize);

        await AppendAsync(run, batch, ct).ConfigureAwait(false);
        if (_options.MarkSource is { } mark && !run.Marked && run.SourceVersion >= 0)
        {
            var marker = new EventData(
                mark(run.Target, run.SourceVersion) ?? throw new InvalidOperationException("MarkSource returned null; return the marker event to append."),
                run.MarkerId,
                new EventMetadata { Headers = new Dictionary<string, string> { [MigrationHeaders.MigratedTo] = run.Target } });
            await _store.AppendAsync(run.Source, ExpectedVersion.Exactly(run.SourceVersion), [marker], ct).ConfigureAwait(false);
            run.Marked = true;
        }
    }

    /// <summary>The events <paramref name="e"/> becomes, each with its derived id and the source's metadata plus provenance.</summary>
    private List<EventData> Map(Run run, RecordedEvent e)
    {
        Migrated migrated;
        try
        {
            migrated = _map(e) ?? throw new InvalidOperationException("The map returned null; return Migrated.Keep, Migrated.Drop or Migrated.Into(...).");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new StreamMigrationException(run.Source, run.Target, e.Version, e.EventName, e.SchemaVersion, ex);
        }

        if (migrated.IsKeep)
        {
            object kept = e.StoredData is { } stored ? new RawEvent(e.EventName, e.SchemaVersion, stored) : e.Event;
            return [new EventData(kept, MigrationEventIds.For(run.Source, e.Version, 0), MigrationHeaders.Provenance(e, 0))];
        }

        var events = new List<EventData>(migrated.Events.Count);
        for (int part = 0; part < migrated.Events.Count; part++)
        {
            events.Add(new EventData(migrated.Events[part], MigrationEventIds.For(run.Source, e.Version, part), MigrationHeaders.Provenance(e, part)));
        }

        return events;
    }

    private async Task AppendAsync(Run run, List<EventData> batch, CancellationToken ct)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var expected = run.TargetVersion < 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(run.TargetVersion);
        var result = await _store.AppendAsync(run.Target, expected, batch.ToArray(), ct).ConfigureAwait(false);
        run.TargetVersion = result.NextExpectedVersion;
        run.Appended += batch.Count;
        batch.Clear();
    }

    private static StreamMigrationOptions Checked(StreamMigrationOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1, nameof(options.BatchSize));
        return options;
    }

    /// <summary>Where one run stands; counts add up across the restarts a race causes.</summary>
    private sealed class Run(string source, string target, Guid markerId)
    {
        public string Source { get; } = source;

        public string Target { get; } = target;

        public Guid MarkerId { get; } = markerId;

        /// <summary>The last source event accounted for: migrated, or dropped before a kept one.</summary>
        public long SourceVersion { get; set; } = -1;

        public long TargetVersion { get; set; } = -1;

        public bool Marked { get; set; }

        public int Read { get; set; }

        public int Appended { get; set; }

        /// <summary>
        /// Starts after the source event the target's last event came from. That event must be one this
        /// migration wrote (its provenance and derived id agree), so a target holding anything else is refused.
        /// </summary>
        public async Task ResumeAsync(IEventStore store, CancellationToken ct)
        {
            Marked = false;
            RecordedEvent? last = null;
            await foreach (var e in store.ReadStreamAsync(Target, new StreamReadOptions(ReadDirection.Backwards, MaxCount: 1), ct).ConfigureAwait(false))
            {
                last = e;
            }

            if (last is null)
            {
                (SourceVersion, TargetVersion) = (-1, -1);
                return;
            }

            if (!MigrationHeaders.TryReadSource(last.Metadata, out var from, out long version, out int part)
                || from != Source
                || last.EventId != MigrationEventIds.For(Source, version, part))
            {
                throw new InvalidOperationException(
                    $"Target stream '{StreamName.Quote(Target)}' holds events that no migration from '{StreamName.Quote(Source)}' wrote " +
                    $"(its last event, '{last.EventName}' at version {last.Version}, id {last.EventId}); nothing was written. Migrate into a new stream.");
            }

            (SourceVersion, TargetVersion) = (version, last.Version);
        }
    }
}
