namespace Eventfold;

/// <summary>What <see cref="AggregateRepository{T}.RebuildSnapshotsAsync"/> did.</summary>
/// <param name="Streams">Streams of the category found in the log.</param>
/// <param name="Rebuilt">Snapshots written from a full replay.</param>
/// <param name="Skipped">Streams left alone because they hold another category's snapshot.</param>
public sealed record SnapshotRebuildResult(int Streams, int Rebuilt, int Skipped);
