namespace Eventfold.Sqlite;

/// <summary>SQLite's <c>PRAGMA synchronous</c> levels: how often a commit waits for the disk.</summary>
public enum SqliteSynchronousMode
{
    /// <summary>Never waits for the disk: a power loss or OS crash can corrupt the file. Process crashes are safe.</summary>
    Off = 0,

    /// <summary>
    /// In WAL mode, commits survive a process crash; a power loss or OS crash can undo the last commits
    /// but never corrupts the file. The default: fast and safe for what an application can cause.
    /// </summary>
    Normal = 1,

    /// <summary>Every commit waits for the disk: durable across power loss too, at a large cost in speed.</summary>
    Full = 2,

    /// <summary>Like <see cref="Full"/>, and also syncs the directory after deleting a journal.</summary>
    Extra = 3,
}
