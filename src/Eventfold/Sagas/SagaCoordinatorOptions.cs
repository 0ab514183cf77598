using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Eventfold;

/// <summary>How a <see cref="SagaCoordinator{TSaga, TData}"/> retries, waits and stores the saga's data.</summary>
public sealed record SagaCoordinatorOptions
{
    /// <summary>The wait before a step's or compensation's first retry; it doubles for each further one, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts after the first before a compensation counts as failed and the saga ends <see cref="SagaStatus.CompensationFailed"/>.</summary>
    public int CompensationRetries { get; set; } = 5;

    /// <summary>
    /// How the data is written into the saga log; web defaults (camelCase) with reflection-based metadata when null.
    /// A trimmed or Native AOT application passes its context's options (<c>AppJsonContext.Default.Options</c>, with
    /// <c>[JsonSerializable(typeof(TData))]</c>): there reflection is off and the coordinator refuses to start without them.
    /// </summary>
    public JsonSerializerOptions? DataJson { get; set; }

    public ILogger? Logger { get; set; }

    public TimeProvider? TimeProvider { get; set; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(CompensationRetries);
        if (RetryDelay < TimeSpan.Zero || MaxRetryDelay < RetryDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(RetryDelay), RetryDelay, "RetryDelay must be zero or more and at most MaxRetryDelay.");
        }
    }
}
