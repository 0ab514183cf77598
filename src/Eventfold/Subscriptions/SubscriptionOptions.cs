namespace Eventfold;

/// <summary>How to subscribe to the global log.</summary>
public sealed record SubscriptionOptions
{
    public static SubscriptionOptions Default { get; } = new();

    /// <summary>Narrows the subscription to some events; the store applies it before reading any payload.</summary>
    public EventFilter? Filter { get; init; }

    /// <summary>Whether to yield an <see cref="UnknownEvent"/> for each event of a name this application never registered.</summary>
    public bool IncludeUnknownEvents { get; init; }

    public static SubscriptionOptions For(EventFilter? filter) => filter is null ? Default : new() { Filter = filter };
}
