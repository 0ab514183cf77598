namespace Eventfold;

/// <summary>What travels beside an event: who caused it and which conversation it belongs to.</summary>
public sealed record EventMetadata
{
    public static EventMetadata Empty { get; } = new();

    /// <summary>Ties together every event of one business conversation.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>The id of the message or event that caused this one.</summary>
    public string? CausationId { get; init; }

    /// <summary>Any further headers, stored as strings.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }
}
