namespace Eventfold;

/// <summary>A pipeline's handler threw: the pipeline stopped, its checkpoint left before the event.</summary>
public sealed class PipelineHandlerFailedException(string consumer, string stream, long version, GlobalPosition position, Exception inner)
    : Exception($"Consumer '{consumer}': the handler of stream '{stream}' version {version} at position {position} failed: {inner.Message}. The checkpoint stays before it; the next run handles it again.", inner)
{
    public string Consumer { get; } = consumer;

    public string Stream { get; } = stream;

    public long Version { get; } = version;

    public GlobalPosition Position { get; } = position;
}
