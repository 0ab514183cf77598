namespace Eventfold;

/// <summary>
/// Wakes live subscriptions when a store appends. A subscriber takes <see cref="Next"/> before it reads,
/// so an append that lands during the read still wakes it afterwards (no lost wake-up).
/// </summary>
public sealed class AppendSignal
{
    private TaskCompletionSource _next = NewSource();

    /// <summary>A task that completes at the next <see cref="Notify"/>.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Notify() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
