namespace Eventfold.Sqlite;

/// <summary>SQLite's <c>PRAGMA synchronous</c> levels: how often a commit waits for the disk.</summary>
public enum SqliteSynchronousMode
{
    /// <summary>Never waits for the disk: a power loss or OS crash can corrupt the file. Process crashes are safe.</summary>
    Off = 0,

    /// <summary>
    /// In WAL mode, commits survive a process crash; a power loss or OS crash can undo the last commits
    /// but never corrupts the file. An opt-in for speed (docs/performance.md has the cost of each mode).
    /// </summary>
    Normal = 1,

    /// <summary>Every commit waits for the disk: an acknowledged append survives power loss too. The default.</summary>
    Full = 2,

    /// <summary>Like <see cref="Full"/>, and also syncs the directory after deleting a journal.</summary>
    Extra = 3,
}
