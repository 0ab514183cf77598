using System.Runtime.CompilerServices;

namespace Eventfold;

/// <summary>
/// One worker's own counters: written only by that worker (no interlocked traffic on the hot path), read by
/// <c>Stats</c>. Padded so two workers' counters never share a cache line.
/// </summary>
/// <remarks>
/// The processed count and the worker's state share one word, <c>(processed &lt;&lt; 2) | state</c>, so a
/// reader sees both as of one moment (never a message counted neither as held nor as processed), and a
/// message costs the worker two plain stores: holding it, then processed-and-taking the next. The state
/// <see cref="Taking"/> covers the read from the queue itself: between the queue's count going down and the
/// worker saying it holds the message, the message would be nowhere, so <see cref="Settle"/> waits that
/// short moment out.
/// </remarks>
internal sealed class DispatchWorker
{
    private const long Idle = 0, Holding = 1, Taking = 2, StateMask = 3, One = 4;

#pragma warning disable CS0169, IDE0051 // padding
    private readonly long _pad0, _pad1, _pad2, _pad3, _pad4, _pad5, _pad6;
#pragma warning restore CS0169, IDE0051
    private long _progress;
    private long _failed;
#pragma warning disable CS0169, IDE0051
    private readonly long _pad7, _pad8, _pad9, _pad10, _pad11, _pad12, _pad13;
#pragma warning restore CS0169, IDE0051

    public DispatchWorker(CancellationToken hardStop)
    {
        Retire = CancellationTokenSource.CreateLinkedTokenSource(hardStop);
    }

    /// <summary>Its place on the dispatcher's bench of idle workers, reused each time it sits.</summary>
    public BenchSeat Seat { get; } = new();

    /// <summary>Cancelled to retire this worker (linked to the dispatcher's hard stop).</summary>
    public CancellationTokenSource Retire { get; }

    public Task Run { get; set; } = Task.CompletedTask;

    public long Processed => Volatile.Read(ref _progress) >> 2;

    public long Failed => Volatile.Read(ref _failed);

    /// <summary>1 while the worker holds a message it has not finished (a glance: it may be taking one).</summary>
    public int Busy => (Volatile.Read(ref _progress) & StateMask) == Holding ? 1 : 0;

    /// <summary>
    /// The processed count and whether a message is held, once the worker is not in the middle of taking one
    /// from the queue (a few instructions, unless the thread is preempted there). Read after the queue's depth:
    /// a message the depth no longer counted is then held or processed. Read <see cref="Failed"/> after it.
    /// </summary>
    public (long Processed, int Busy) Settle()
    {
        long progress = Volatile.Read(ref _progress);
        var spin = default(SpinWait);
        while ((progress & StateMask) == Taking)
        {
            spin.SpinOnce();
            progress = Volatile.Read(ref _progress);
        }

        return (progress >> 2, (progress & StateMask) == Holding ? 1 : 0);
    }

    /// <summary>About to read from the queue: a message it takes is accounted for by this worker from now on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetTaking() => SetTaking(Counted);

    /// <summary>Took a message and holds it until it is processed, failed or abandoned.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // per message on the worker's loop
    public void SetHolding() => SetHolding(Counted);

    /// <summary>Holds nothing and is not reading: waiting, or leaving.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetIdle() => SetIdle(Counted);

    /// <summary>The held message was processed, and the worker goes on to take the next: one store.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // per message on the worker's loop
    public void ProcessedThenTaking() => ProcessedThenTaking(Counted);

    /// <summary>The held message was processed; the worker goes on holding the next message of its key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void CountProcessed() => Volatile.Write(ref _progress, _progress + One);

    /// <summary>
    /// The processed count as this worker's word holds it, without the state. The synchronous loop keeps it in a
    /// register and writes the word through the overloads below, instead of reloading it per store. Read by the
    /// worker itself only.
    /// </summary>
    public long Counted => _progress & ~StateMask;

    /// <summary><see cref="SetTaking()"/> from the count the caller keeps (<see cref="Counted"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetTaking(long counted) => Volatile.Write(ref _progress, counted | Taking);

    /// <summary><see cref="SetHolding()"/> from the count the caller keeps (<see cref="Counted"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetHolding(long counted) => Volatile.Write(ref _progress, counted | Holding);

    /// <summary><see cref="ProcessedThenTaking()"/> from the count the caller keeps; returns the new count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long ProcessedThenTaking(long counted)
    {
        counted += One;
        Volatile.Write(ref _progress, counted | Taking);
        return counted;
    }

    /// <summary><see cref="SetIdle()"/> from the count the caller keeps.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetIdle(long counted) => Volatile.Write(ref _progress, counted);

    /// <summary>Counted while the message is still held (or being taken), so it is never in neither count.</summary>
    public void CountFailed() => Volatile.Write(ref _failed, _failed + 1);
}
