namespace Eventfold;

/// <summary>A projection's handler failed for an event after every retry, and the runner was configured to stop.</summary>
public sealed class ProjectionHandlerFailedException(string projection, string stream, long version, GlobalPosition position, string eventName, int attempts, Exception inner)
    : Exception($"Projection '{projection}': handling '{eventName}' of stream '{stream}' version {version} at position {position} failed {attempts} time(s): {inner.Message}", inner)
{
    public string Projection { get; } = projection;

    public string Stream { get; } = stream;

    public long Version { get; } = version;

    public GlobalPosition Position { get; } = position;

    public string EventName { get; } = eventName;
}
