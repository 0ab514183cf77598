namespace Eventfold.Sqlite.CrashHost;

/// <summary>What the migration turns some CrashHostEvents into.</summary>
public sealed record CrashHostLine(string Writer, int Batch, int Index, int Part);

/// <summary>The marker the migration ends its source with.</summary>
public sealed record CrashHostMoved(string Target, long Through);

/// <summary>
/// The migration the host runs until killed, and the tests run uninterrupted to compare: by source
/// version, each event is kept, transformed, dropped or split in two. Compiled into the tests too (linked file).
/// </summary>
public static class MigrationScript
{
    public static StreamMigrationOptions Options { get; } = new() { BatchSize = 7, MarkSource = (target, through) => new CrashHostMoved(target, through) };

    public static EventSerializer CreateSerializer()
    {
        var registry = new EventRegistry();
        registry.Register<CrashHostEvent>(CrashHostEvent.Name, 1);
        registry.Register<CrashHostLine>("crashhost.line", 1);
        registry.Register<CrashHostMoved>("crashhost.moved", 1);
        return new EventSerializer(registry);
    }

    public static Migrated Map(RecordedEvent e)
    {
        var source = (CrashHostEvent)e.Event;
        return (e.Version % 4) switch
        {
            0 => Migrated.Keep,
            1 => Migrated.Into(new CrashHostLine(source.Writer, source.Batch, source.Index, 0)),
            2 => Migrated.Drop,
            _ => Migrated.Into(new CrashHostLine(source.Writer, source.Batch, source.Index, 0), new CrashHostLine(source.Writer, source.Batch, source.Index, 1)),
        };
    }
}
