using System.Threading.Channels;

namespace Eventfold;

/// <summary>What a worker got when it asked a <see cref="KeyGate"/> for a message.</summary>
internal enum TakeResult
{
    /// <summary>A message whose key the worker now holds: run it.</summary>
    Took,

    /// <summary>The queue is empty (every message read was parked behind its busy key).</summary>
    Empty,

    /// <summary>The park limit is reached: wait for room before reading on.</summary>
    ParkFull,

    /// <summary>The message's key could not be read: report it failed.</summary>
    KeyFailed,
}

/// <summary>
/// Keyed ordering over a shared queue. A worker reads and claims under one lock, so two messages of a key
/// are claimed in queue order. A message whose key another worker holds is parked in that key's pending
/// queue; the holder runs the parked messages, in order, before it lets the key go.
/// </summary>
internal abstract class KeyGate
{
    /// <summary>Messages parked behind busy keys (they count in the dispatcher's depth).</summary>
    public abstract int Parked { get; }

    /// <summary>Queued plus parked, read under the lock that moves messages from one to the other.</summary>
    public abstract long Depth(ChannelReader<DispatchEnvelope> reader);

    public abstract TakeResult TryTake(ChannelReader<DispatchEnvelope> reader, out DispatchEnvelope envelope, out Exception? keyError);

    /// <summary>After <paramref name="finished"/> ran: the next parked message of its key (the worker keeps the key), or false (the key is free).</summary>
    public abstract bool TryTakeNext(in DispatchEnvelope finished, out DispatchEnvelope next);

    /// <summary>Completes when a message can be parked again.</summary>
    public abstract Task WaitForRoomAsync(CancellationToken ct);

    /// <summary>Takes every parked message out, for a drain that timed out.</summary>
    public abstract List<DispatchEnvelope> Sweep();
}

internal sealed class KeyGate<TKey>(DispatchKeySelector<TKey> selector, IEqualityComparer<TKey>? comparer, int parkLimit) : KeyGate
    where TKey : notnull
{
    private const int PooledQueues = 64;
    private readonly Lock _sync = new();
    private readonly Dictionary<TKey, Queue<DispatchEnvelope>?> _held = new(comparer);
    private readonly Stack<Queue<DispatchEnvelope>> _pool = new();
    private TaskCompletionSource? _room;
    private int _parked;

    public override int Parked => Volatile.Read(ref _parked);

    public override long Depth(ChannelReader<DispatchEnvelope> reader)
    {
        lock (_sync)
        {
            return reader.Count + _parked;
        }
    }

    public override TakeResult TryTake(ChannelReader<DispatchEnvelope> reader, out DispatchEnvelope envelope, out Exception? keyError)
    {
        keyError = null;
        lock (_sync)
        {
            while (true)
            {
                if (_parked >= parkLimit)
                {
                    envelope = default;
                    return TakeResult.ParkFull;
                }

                if (!reader.TryRead(out envelope))
                {
                    return TakeResult.Empty;
                }

                TKey key;
                try
                {
                    key = selector(in envelope);
                }
                catch (Exception ex)
                {
                    keyError = ex;
                    return TakeResult.KeyFailed;
                }

                if (!_held.TryGetValue(key, out var pending))
                {
                    _held.Add(key, null);
                    return TakeResult.Took;
                }

                if (pending is null)
                {
                    pending = _pool.Count > 0 ? _pool.Pop() : new Queue<DispatchEnvelope>();
                    _held[key] = pending;
                }

                pending.Enqueue(envelope);
                Volatile.Write(ref _parked, _parked + 1);
            }
        }
    }

    public override bool TryTakeNext(in DispatchEnvelope finished, out DispatchEnvelope next)
    {
        // The key was read once already for this message; a pure key method reads the same again.
        var key = selector(in finished);
        lock (_sync)
        {
            if (_held.TryGetValue(key, out var pending) && pending is { Count: > 0 })
            {
                next = pending.Dequeue();
                Volatile.Write(ref _parked, _parked - 1);
                if (_room is { } room && _parked < parkLimit)
                {
                    _room = null;
                    room.TrySetResult();
                }

                return true;
            }

            _held.Remove(key);
            if (pending is not null && _pool.Count < PooledQueues)
            {
                _pool.Push(pending);
            }

            next = default;
            return false;
        }
    }

    public override Task WaitForRoomAsync(CancellationToken ct)
    {
        lock (_sync)
        {
            if (_parked < parkLimit)
            {
                return Task.CompletedTask;
            }

            _room ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _room.Task.WaitAsync(ct);
        }
    }

    public override List<DispatchEnvelope> Sweep()
    {
        lock (_sync)
        {
            var swept = new List<DispatchEnvelope>(_parked);
            foreach (var pending in _held.Values)
            {
                while (pending is { Count: > 0 })
                {
                    swept.Add(pending.Dequeue());
                }
            }

            Volatile.Write(ref _parked, 0);
            return swept;
        }
    }
}
