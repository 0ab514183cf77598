namespace Eventfold.EventStoreDb;

/// <summary>The server refused the call: wrong credentials, or a user without the right to this stream.</summary>
public sealed class EventStoreDbAccessDeniedException(string operation, string? stream, string reason, Exception? inner = null)
    : Exception(stream is null
        ? $"EventStoreDB denied access to {operation}: {reason}."
        : $"EventStoreDB denied access to {operation} on stream '{stream}': {reason}.", inner)
{
    public string? Stream { get; } = stream;
}
