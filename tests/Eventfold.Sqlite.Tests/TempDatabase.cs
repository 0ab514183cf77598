namespace Eventfold.Sqlite.Tests;

/// <summary>A fresh database path in a folder of its own, deleted with everything SQLite left beside it.</summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "eventfold-sqlite-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Folder);
        Path = System.IO.Path.Combine(Folder, "events.db");
    }

    public string Path { get; }

    /// <summary>The folder holding the file; other files a test makes go here too.</summary>
    public string Folder { get; }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A killed child process may hold the file for a moment; the temp folder is cleaned eventually.
        }
    }
}
