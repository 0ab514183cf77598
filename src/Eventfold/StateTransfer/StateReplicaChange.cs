namespace Eventfold;

/// <summary>A replica took a newer state: <see cref="Previous"/> is null for an id it had not seen.</summary>
public sealed record StateReplicaChange<T>(T? Previous, T Current)
    where T : class;
