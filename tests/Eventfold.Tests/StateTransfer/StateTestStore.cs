namespace Eventfold.Tests.StateTransfer;

/// <summary>A store whose appends to state streams fail while <see cref="FailStatePublishes"/> is set, as a crash between save and publish would leave it.</summary>
internal sealed class StateTestStore(IEventStore inner) : Eventfold.StoreConformance.DelegatingEventStore(inner), IStreamTruncation
{
    private int _stateAppends;

    public bool FailStatePublishes { get; set; }

    private int _failNext;

    /// <summary>Fails only the next <paramref name="count"/> appends to state streams, whoever makes them.</summary>
    public void FailNextStatePublishes(int count) => Volatile.Write(ref _failNext, count);

    /// <summary>Appends to state streams that reached the inner store.</summary>
    public int StateAppends => Volatile.Read(ref _stateAppends);

    public override Task<AppendResult> AppendAsync(string stream, ExpectedVersion expected, IReadOnlyList<EventData> events, CancellationToken ct = default)
    {
        if (stream.Contains(".state-", StringComparison.Ordinal))
        {
            if (FailStatePublishes || Interlocked.Decrement(ref _failNext) >= 0)
            {
                throw new TimeoutException($"test: the append to '{stream}' failed");
            }

            Interlocked.Increment(ref _stateAppends);
        }

        return Inner.AppendAsync(stream, expected, events, ct);
    }

    public Task SetStreamMaxCountAsync(string stream, long maxCount, CancellationToken ct = default) =>
        ((IStreamTruncation)Inner).SetStreamMaxCountAsync(stream, maxCount, ct);
}
