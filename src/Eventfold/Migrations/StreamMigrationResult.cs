namespace Eventfold;

/// <summary>What one <see cref="StreamMigration.RunAsync"/> did.</summary>
/// <param name="Source">The stream read.</param>
/// <param name="Target">The stream written.</param>
/// <param name="SourceVersion">The source's last migrated version (its marker excluded); -1 when it has no events.</param>
/// <param name="TargetVersion">The target's version when the run ended; -1 when nothing was ever written to it.</param>
/// <param name="EventsRead">Source events mapped by this run (a rerun maps only what an earlier run left).</param>
/// <param name="EventsAppended">Target events appended by this run.</param>
/// <param name="SourceMarked">Whether the source ends with its migration marker (written by this run or an earlier one).</param>
public sealed record StreamMigrationResult(
    string Source, string Target, long SourceVersion, long TargetVersion, int EventsRead, int EventsAppended, bool SourceMarked);
