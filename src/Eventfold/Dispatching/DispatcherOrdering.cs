namespace Eventfold;

/// <summary>Reads the ordering key of a queued message (the generated dispatcher passes its key method).</summary>
public delegate TKey DispatchKeySelector<out TKey>(in DispatchEnvelope envelope);

/// <summary>
/// Keyed ordering for a dispatcher: messages of one key are handled in the order they were queued, one at a
/// time; messages of other keys run in parallel on the other workers.
/// </summary>
public abstract class DispatcherOrdering
{
    private protected DispatcherOrdering()
    {
    }

    /// <summary>Orders by the key <paramref name="selector"/> reads, compared by <paramref name="comparer"/> (default equality when null).</summary>
    public static DispatcherOrdering ByKey<TKey>(DispatchKeySelector<TKey> selector, IEqualityComparer<TKey>? comparer = null)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(selector);
        return new KeyedOrdering<TKey>(selector, comparer);
    }

    internal abstract KeyGate CreateGate(int parkLimit);

    private sealed class KeyedOrdering<TKey>(DispatchKeySelector<TKey> selector, IEqualityComparer<TKey>? comparer) : DispatcherOrdering
        where TKey : notnull
    {
        internal override KeyGate CreateGate(int parkLimit) => new KeyGate<TKey>(selector, comparer, parkLimit);
    }
}
