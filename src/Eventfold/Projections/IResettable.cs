namespace Eventfold;

/// <summary>A projection that keeps state; <see cref="ProjectionRunner{T}.RebuildAsync"/> empties it before replaying.</summary>
public interface IResettable
{
    Task ResetAsync(CancellationToken ct);
}
