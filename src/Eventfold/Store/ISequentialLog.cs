namespace Eventfold;

/// <summary>
/// A store whose global positions number its events 1, 2, 3... in log order (SQLite, in memory): the distance
/// between two positions is the number of events between them, so how far a consumer is behind the end of the
/// log costs one query, not a read.
/// </summary>
public interface ISequentialLog
{
    /// <summary>The position of the last event in the global log, or null when the log is empty.</summary>
    Task<GlobalPosition?> GetLastPositionAsync(CancellationToken ct = default);
}
