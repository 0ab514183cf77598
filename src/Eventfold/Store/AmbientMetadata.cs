using System.Diagnostics;

namespace Eventfold;

/// <summary>
/// Fills what a save's metadata leaves out from where it runs: inside a saga step, the correlation and causation
/// of the message that started the saga (<see cref="SagaStepContext.Metadata"/>); otherwise, with an ambient
/// W3C <see cref="Activity"/>, its trace id as the correlation id. Given values always win.
/// </summary>
internal static class AmbientMetadata
{
    public static EventMetadata Resolve(EventMetadata given)
    {
        var step = SagaStepContext.Current?.Metadata;
        string? correlation = given.CorrelationId ?? step?.CorrelationId ?? TraceId();
        string? causation = given.CausationId ?? step?.CausationId;
        return ReferenceEquals(correlation, given.CorrelationId) && ReferenceEquals(causation, given.CausationId)
            ? given
            : given with { CorrelationId = correlation, CausationId = causation };
    }

    /// <summary>What a message carries on to what it causes: its correlation (its own id when it has none), and its id as the causation.</summary>
    public static EventMetadata CausedBy(RecordedEvent message)
    {
        string id = message.EventId.ToString();
        return new EventMetadata { CorrelationId = message.Metadata.CorrelationId ?? id, CausationId = id };
    }

    private static string? TraceId() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.TraceId.ToHexString() : null;
}
