namespace Eventfold;

/// <summary>How a saga ended.</summary>
public enum SagaStatus
{
    /// <summary>Every step completed.</summary>
    Completed,

    /// <summary>A step failed and every completed step with a compensation was compensated, in reverse order.</summary>
    Compensated,

    /// <summary>A compensation failed after its retries: reported, listed for an operator, retried by <c>RetryAsync</c>.</summary>
    CompensationFailed,
}
