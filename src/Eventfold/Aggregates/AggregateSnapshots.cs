using System.Buffers;
using System.Text.Json;

namespace Eventfold;

/// <summary>
/// Captures and restores snapshots of <typeparamref name="T"/> through its generated members. A snapshot
/// is a cache: one of another shape, another layout or unreadable JSON is never restored, and the
/// caller replays all events instead.
/// </summary>
internal static class AggregateSnapshots<T>
    where T : class, IEventSourced<T>
{
    /// <summary>The generated JSON layout, kept in <see cref="Snapshot.SchemaVersion"/>.</summary>
    public const int Layout = 1;

    /// <summary>"{category}@{shape hash}", or null when <typeparamref name="T"/> has no snapshot support.</summary>
    public static string? StateType { get; } = T.SnapshotShape is { } shape ? T.Category + "@" + shape : null;

    /// <summary>True when saves write snapshots: SnapshotEvery is set and every member can be restored.</summary>
    public static bool Enabled => T.SnapshotEvery > 0 && StateType is not null;

    /// <summary>True when a save that moved the stream from <paramref name="from"/> to <paramref name="to"/> passed a multiple of SnapshotEvery events.</summary>
    public static bool Crosses(long from, long to) => (to + 1) / T.SnapshotEvery > (from + 1) / T.SnapshotEvery;

    /// <summary>
    /// The aggregate's members as a snapshot, their values written with <paramref name="options"/>: the general
    /// defaults (exact names, so every member round-trips) and the store's JSON metadata (<see cref="EventSerializer.SnapshotOptions"/>).
    /// </summary>
    public static Snapshot Capture(T aggregate, string stream, JsonSerializerOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            aggregate.WriteSnapshot(writer, options);
        }

        return new Snapshot(stream, aggregate.Version, StateType!, Layout, buffer.WrittenSpan.ToArray());
    }

    /// <summary>The aggregate restored from <paramref name="snapshot"/>, or null when the snapshot is of another shape or unreadable.</summary>
    public static T? TryRestore(string id, Snapshot snapshot, JsonSerializerOptions options)
    {
        if (!Enabled || snapshot.StateType != StateType || snapshot.SchemaVersion != Layout || snapshot.Version < 0)
        {
            return null;
        }

        var aggregate = T.Create(id);
        try
        {
            aggregate.RestoreSnapshot(snapshot.Data, snapshot.Version, options);
            return aggregate;
        }
        catch (Exception)
        {
            // Bad JSON, a value of the wrong type, a setter that refused it: the half-restored instance is
            // discarded, and the caller replays every event into a fresh one.
            return null;
        }
    }
}
