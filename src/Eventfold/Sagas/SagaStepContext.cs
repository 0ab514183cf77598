namespace Eventfold;

/// <summary>
/// What a running step or compensation may know about itself, read through <see cref="Current"/> (an
/// ambient value, so step methods keep their <c>(TData, CancellationToken)</c> shape). Its
/// <see cref="IdempotencyKey"/> is the same for every attempt and every process that runs this step of this
/// saga: pass it to the service the step calls (a payment's idempotency key, a unique column) so a step that
/// runs twice, after a crash or a lost race, takes effect once.
/// </summary>
public sealed class SagaStepContext
{
    private static readonly AsyncLocal<SagaStepContext?> Ambient = new();

    internal SagaStepContext(string saga, string sagaId, string step, bool isCompensation, int attempt, EventMetadata? metadata = null)
    {
        Metadata = metadata ?? EventMetadata.Empty;
        Saga = saga;
        SagaId = sagaId;
        Step = step;
        IsCompensation = isCompensation;
        Attempt = attempt;
        IdempotencyKey = KeyFor(saga, sagaId, step, isCompensation);
    }

    /// <summary>The context of the step or compensation running on this flow; null outside one.</summary>
    public static SagaStepContext? Current
    {
        get => Ambient.Value;
        internal set => Ambient.Value = value;
    }

    public string Saga { get; }

    /// <summary>
    /// The correlation and causation of what started the saga (its triggering event, or the metadata given to
    /// <c>RunAsync</c>); an aggregate saved inside the step without its own gets them (<c>AggregateRepository.SaveAsync</c>).
    /// </summary>
    public EventMetadata Metadata { get; }

    public string SagaId { get; }

    /// <summary>The method name of the step, or of the compensation when <see cref="IsCompensation"/>.</summary>
    public string Step { get; }

    public bool IsCompensation { get; }

    /// <summary>1 for the first attempt in this run; it starts again at 1 after a restart (the key does not change).</summary>
    public int Attempt { get; }

    /// <summary><c>{saga}/{id}/step/{Step}</c> or <c>{saga}/{id}/compensate/{Step}</c>: attempt-independent.</summary>
    public string IdempotencyKey { get; }

    /// <summary>The key a step (or its compensation) of a saga is given, to check a service's deduplication from outside.</summary>
    public static string KeyFor(string saga, string sagaId, string method, bool isCompensation) =>
        $"{saga}/{sagaId}/{(isCompensation ? "compensate" : "step")}/{method}";
}
