namespace Eventfold;

/// <summary>
/// A store that can keep a stream bounded: only its newest events are kept, for streams whose latest event is
/// all that matters (published state, <c>{category}.state-{id}</c>). Implemented by every Eventfold store.
/// </summary>
public interface IStreamTruncation
{
    /// <summary>
    /// From now on keeps at most the newest <paramref name="maxCount"/> events of <paramref name="stream"/>: older
    /// ones are dropped now and after each later append. The stream's version stays, so appends go on where they
    /// were and expected versions still hold; the events kept keep their versions and global positions. Reads
    /// of the stream start at the oldest kept event. A dropped event leaves the global log at once on the
    /// in-memory and SQLite stores, at the server's next scavenge on EventStoreDB (its <c>$maxCount</c>); an
    /// append that repeats a dropped event's id is no longer recognised as a retry. Setting it again replaces
    /// the limit.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxCount"/> is below 1.</exception>
    /// <exception cref="InvalidStreamNameException">The stream name is not allowed.</exception>
    Task SetStreamMaxCountAsync(string stream, long maxCount, CancellationToken ct = default);
}
