namespace Eventfold.Sqlite;

/// <summary>Settings of a <see cref="SqliteEventStore"/>, beyond those every store shares.</summary>
public sealed class SqliteEventStoreOptions : EventStoreOptions
{
    /// <summary>
    /// The file, for a store made from these options alone: <c>o.UseSqlite()</c> with the key
    /// <c>Eventfold:Sqlite:Path</c>. <c>new SqliteEventStore(path, options)</c> and <c>UseSqlite(path)</c> use their own path.
    /// </summary>
    public string? Path { get; set; }

    /// <summary>
    /// How often a live subscription looks for events appended by other processes (or other store
    /// instances on the same file). Appends through this instance wake subscriptions at once.
    /// <see cref="Timeout.InfiniteTimeSpan"/> turns polling off.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// SQLite's <c>PRAGMA synchronous</c> for appends. <see cref="SqliteSynchronousMode.Full"/> (the
    /// default) makes every commit wait for the disk, so an acknowledged append survives a power loss, as
    /// on EventStoreDB. <see cref="SqliteSynchronousMode.Normal"/> is an opt-in for speed: in WAL mode it
    /// never loses a commit to a process crash, but a power loss or OS crash can undo the last commits.
    /// </summary>
    public SqliteSynchronousMode Synchronous { get; set; } = SqliteSynchronousMode.Full;

    /// <summary>
    /// How long a write (append, checkpoint, snapshot) waits, asynchronously and cancellably, for another
    /// connection's write transaction on the same file before it fails with a <see cref="TimeoutException"/>
    /// naming the stream and the file. Opening the store waits as long for a file that is locked.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many events a read fetches from the file at a time; reads never hold more in memory.</summary>
    public int ReadPageSize { get; set; } = 512;

    /// <summary>How many idle read connections the store keeps open for reuse.</summary>
    public int MaxIdleReadConnections { get; set; } = 8;

    /// <summary>
    /// How many read connections the store opens at most; more concurrent reads wait (asynchronously) for
    /// one to come back. Each read holds its connection for one page only.
    /// </summary>
    public int MaxReadConnections { get; set; } = 16;

    internal void Validate()
    {
        if (PollInterval != Timeout.InfiniteTimeSpan && PollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(PollInterval), PollInterval, "The poll interval must be positive, or Timeout.InfiniteTimeSpan to turn polling off.");
        }

        if (BusyTimeout < TimeSpan.Zero || BusyTimeout.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(BusyTimeout), BusyTimeout, "The busy timeout must be between zero and int.MaxValue milliseconds.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(ReadPageSize, 1, nameof(ReadPageSize));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxIdleReadConnections, nameof(MaxIdleReadConnections));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxReadConnections, 1, nameof(MaxReadConnections));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxEventSizeBytes, 1, nameof(MaxEventSizeBytes));
        ArgumentNullException.ThrowIfNull(Serializer, nameof(Serializer));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
    }
}
