namespace Eventfold.Tests.Aggregates;

/// <summary>
/// Passes everything to an inner store, and lets a test decide what happens around each append: fail
/// after the inner store wrote (an ambiguous failure, like a timeout after the commit), or wait for a
/// signal before appending.
/// </summary>
internal sealed class FaultyStore(IEventStore inner) : Eventfold.StoreConformance.DelegatingEventStore(inner)
{
    private readonly Lock _gate = new();
    private int _failuresAfterWrite;
    private int _appends;

    /// <summary>When set, each append waits for it before it reaches the inner store.</summary>
    public TaskCompletionSource? Hold { get; set; }

    /// <summary>Completes when an append is waiting at <see cref="Hold"/>.</summary>
    public TaskCompletionSource AppendHeld { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When set, each append first yields its thread, so concurrent saves overlap in time.</summary>
    public bool YieldFirst { get; init; }

    /// <summary>Appends that reached this store, whatever their outcome.</summary>
    public int Appends => Volatile.Read(ref _appends);

    /// <summary>Makes the next <paramref name="count"/> appends write and then throw <see cref="TimeoutException"/>.</summary>
    public void FailAfterWrite(int count)
    {
        lock (_gate)
        {
            _failuresAfterWrite = count;
        }
    }

    public override async Task<AppendResult> AppendAsync(string stream, ExpectedVersion expected, IReadOnlyList<EventData> events, CancellationToken ct = default)
    {
        Interlocked.Increment(ref _appends);
        if (YieldFirst)
        {
            await Task.Yield();
        }

        if (Hold is { } hold)
        {
            AppendHeld.TrySetResult();
            await hold.Task.ConfigureAwait(false);
        }

        var result = await Inner.AppendAsync(stream, expected, events, ct).ConfigureAwait(false);
        if (TakeFailure())
        {
            throw new TimeoutException($"The append to '{stream}' was written, but its answer never came.");
        }

        return result;
    }

    private bool TakeFailure()
    {
        lock (_gate)
        {
            if (_failuresAfterWrite == 0)
            {
                return false;
            }

            _failuresAfterWrite--;
            return true;
        }
    }
}
