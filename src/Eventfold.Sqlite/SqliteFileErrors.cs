using Microsoft.Data.Sqlite;

namespace Eventfold.Sqlite;

/// <summary>
/// Turns SQLite's errors about the file itself (it cannot be opened, is not a database, is damaged,
/// read-only, locked, or the disk failed) into an <see cref="IOException"/> that names the file and
/// says what is wrong, with SQLite's own exception inside. SQLite's messages name no file.
/// </summary>
internal static class SqliteFileErrors
{
    private const int Perm = 3, Busy = 5, Locked = 6, ReadOnly = 8, IoErr = 10, Corrupt = 11, Full = 13, CantOpen = 14, Protocol = 15, NotADb = 26;

    public static bool IsFileError(SqliteException ex) =>
        ex.SqliteErrorCode is Perm or Busy or Locked or ReadOnly or IoErr or Corrupt or Full or CantOpen or Protocol or NotADb;

    /// <summary>An exception that names <paramref name="path"/> and says what is wrong with it, <paramref name="ex"/> inside.</summary>
    /// <param name="ex">SQLite's error.</param>
    /// <param name="path">The file.</param>
    /// <param name="doing">What failed, as the start of a sentence: "Opening the event store", "The append to stream 'x'".</param>
    public static IOException Wrap(SqliteException ex, string path, string doing) =>
        new($"{doing} failed on the SQLite file '{path}': {Explain(ex, path)} (SQLite: {ex.Message})", ex);

    private static string Explain(SqliteException ex, string path) => ex.SqliteErrorCode switch
    {
        NotADb => "it is not a SQLite database",
        Corrupt => "the file is damaged (truncated, or overwritten by something else); restore it from a backup",
        ReadOnly => "the file, or its folder (SQLite creates '-wal' and '-shm' files beside it), is read-only",
        Busy or Locked => "the file is locked by another connection (another process or store instance) for longer than the busy timeout",
        Full => "the disk is full",
        CantOpen or Perm or IoErr when Directory.Exists(path) => "it is a directory",
        CantOpen or Perm or IoErr when !IsWritable(path) => "the file, or its folder (SQLite creates '-wal' and '-shm' files beside it), is read-only or not accessible",
        CantOpen => "the file cannot be opened",
        _ => "the disk or file system reported an error",
    };

    private static bool IsWritable(string path)
    {
        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            return true;
        }
        catch (FileNotFoundException)
        {
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
