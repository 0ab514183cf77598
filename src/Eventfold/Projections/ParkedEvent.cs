namespace Eventfold;

/// <summary>
/// An event a projection could not handle (its handler kept failing, or the stored event could not be
/// read), set aside so the runner could go on without skipping it in silence. It stays parked until it
/// is replayed successfully or discarded.
/// </summary>
public sealed record ParkedEvent(
    string Projection,
    string Stream,
    long Version,
    GlobalPosition Position,
    Guid EventId,
    string EventName,
    string Error,
    int Attempts,
    DateTimeOffset ParkedAt);
