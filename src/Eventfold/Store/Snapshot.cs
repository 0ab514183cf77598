namespace Eventfold;

/// <summary>
/// A stream's folded state at <see cref="Version"/>, so a load replays only the events after it.
/// <see cref="StateType"/> and <see cref="SchemaVersion"/> say how <see cref="Data"/> (JSON) was written,
/// so a snapshot of an older shape can be ignored and rebuilt from events.
/// </summary>
public sealed record Snapshot(string Stream, long Version, string StateType, int SchemaVersion, byte[] Data);
