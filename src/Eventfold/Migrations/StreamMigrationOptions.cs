namespace Eventfold;

/// <summary>How a <see cref="StreamMigration"/> writes.</summary>
public sealed record StreamMigrationOptions
{
    /// <summary>
    /// The most events appended to the target at once (each append is atomic). The events one source event
    /// becomes always go in one append, even when they are more than this.
    /// </summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>
    /// When set, the event appended to the source stream once every event of it is migrated, given the
    /// target stream and the source's last migrated version: an instance of one of your registered
    /// <c>[Event]</c> types (old code then sees the stream end with it). A source stream marked so is never
    /// migrated again, and a later event in it makes a rerun fail rather than leave it behind.
    /// </summary>
    public Func<string, long, object>? MarkSource { get; init; }
}
