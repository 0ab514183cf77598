namespace Eventfold;

/// <summary>
/// One worker's own counters: written only by that worker (no interlocked traffic on the hot path), read by
/// <c>Stats</c>. Padded so two workers' counters never share a cache line.
/// </summary>
internal sealed class DispatchWorker
{
#pragma warning disable CS0169, IDE0051 // padding
    private readonly long _pad0, _pad1, _pad2, _pad3, _pad4, _pad5, _pad6;
#pragma warning restore CS0169, IDE0051
    private long _processed;
    private long _failed;
    private int _busy;
#pragma warning disable CS0169, IDE0051
    private readonly long _pad7, _pad8, _pad9, _pad10, _pad11, _pad12, _pad13;
#pragma warning restore CS0169, IDE0051

    public DispatchWorker(CancellationToken hardStop)
    {
        Retire = CancellationTokenSource.CreateLinkedTokenSource(hardStop);
    }

    /// <summary>Cancelled to retire this worker (linked to the dispatcher's hard stop).</summary>
    public CancellationTokenSource Retire { get; }

    public Task Run { get; set; } = Task.CompletedTask;

    public long Processed => Volatile.Read(ref _processed);

    public long Failed => Volatile.Read(ref _failed);

    /// <summary>1 while the worker holds a message it has not finished.</summary>
    public int Busy => Volatile.Read(ref _busy);

    public void CountProcessed() => Volatile.Write(ref _processed, _processed + 1);

    public void CountFailed() => Volatile.Write(ref _failed, _failed + 1);

    public void SetBusy(bool busy) => Volatile.Write(ref _busy, busy ? 1 : 0);
}
