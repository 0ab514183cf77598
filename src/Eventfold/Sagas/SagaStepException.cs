namespace Eventfold;

/// <summary>
/// A step's or compensation's failure as the saga log keeps it: the original exception's type and message.
/// Returned in <see cref="SagaResult.Error"/> when the outcome is read from the log rather than run here.
/// </summary>
public sealed class SagaStepException(string saga, string sagaId, string step, string errorType, string error)
    : Exception($"Saga '{saga}' id '{sagaId}': '{step}' failed with {errorType}: {error}")
{
    public string Saga { get; } = saga;

    public string SagaId { get; } = sagaId;

    public string Step { get; } = step;

    /// <summary>The full name of the exception type that was thrown.</summary>
    public string ErrorType { get; } = errorType;

    public string Error { get; } = error;
}
