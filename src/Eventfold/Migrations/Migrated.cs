namespace Eventfold;

/// <summary>
/// What a <see cref="StreamMigration"/> writes to the target stream for one source event: the stored
/// event unchanged (<see cref="Keep"/>), nothing (<see cref="Drop"/>), or other events in its place
/// (<see cref="Into(object)"/>, several for a split). Each written event carries the source event's
/// metadata and where it came from.
/// </summary>
public sealed class Migrated
{
    private Migrated(bool keep, object[] events)
    {
        IsKeep = keep;
        Events = events;
    }

    /// <summary>The source event as it is stored: the same name, schema version and payload bytes.</summary>
    public static Migrated Keep { get; } = new(keep: true, []);

    /// <summary>Nothing is written for the source event.</summary>
    public static Migrated Drop { get; } = new(keep: false, []);

    /// <summary>Whether the source event is copied unchanged.</summary>
    public bool IsKeep { get; }

    /// <summary>The events written in the source event's place (empty for <see cref="Keep"/> and <see cref="Drop"/>).</summary>
    public IReadOnlyList<object> Events { get; }

    /// <summary>
    /// One event in place of the source event: an instance of a registered <c>[Event]</c> type (an older
    /// version's type is written as that version) or a <see cref="RawEvent"/>.
    /// </summary>
    public static Migrated Into(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        return new Migrated(keep: false, [@event]);
    }

    /// <summary>Several events, in this order, in place of the source event (a split); none is a drop.</summary>
    public static Migrated Into(params object[] events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (Array.IndexOf(events, null) is >= 0 and var at)
        {
            throw new ArgumentException($"Event {at} of a migrated split is null.", nameof(events));
        }

        return new Migrated(keep: false, [.. events]);
    }
}
