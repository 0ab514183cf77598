namespace Eventfold;

/// <summary>Where a projection runner keeps the events it parked, per projection, in log order.</summary>
public interface IParkedEventStore
{
    /// <summary>Keeps <paramref name="parked"/>, replacing an earlier record of the same projection and position.</summary>
    Task ParkAsync(ParkedEvent parked, CancellationToken ct = default);

    /// <summary>The events <paramref name="projection"/> has parked, ordered by position.</summary>
    Task<IReadOnlyList<ParkedEvent>> ListAsync(string projection, CancellationToken ct = default);

    /// <summary>Removes the record at <paramref name="position"/>; false when there is none.</summary>
    Task<bool> RemoveAsync(string projection, GlobalPosition position, CancellationToken ct = default);
}
