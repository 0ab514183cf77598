namespace Eventfold;

/// <summary>
/// A queued message and the index of the <c>Handle</c> method that takes it, as the generated dispatcher
/// writes it: a struct, so queuing a message allocates nothing beyond the message itself.
/// </summary>
public readonly struct DispatchEnvelope(object message, int handler)
{
    /// <summary>The message, as the sender passed it.</summary>
    public object Message { get; } = message;

    /// <summary>Which handler takes it: an index the generated code chose (one per handled type).</summary>
    public int Handler { get; } = handler;

    /// <summary>The error the generated dispatch throws for an index it has no <c>Handle</c> for (kept out of line, so the dispatch stays small enough to inline).</summary>
    public InvalidOperationException NoHandler() => new("No Handle method has index " + Handler + ".");
}
