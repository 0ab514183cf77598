using Eventfold.Benchmarks.Domain;

namespace Eventfold.Benchmarks.Rehydration;

/// <summary>
/// A dictionary of typed handlers keyed by event type, registered once per aggregate type: the approach
/// Eventuous's <c>State&lt;T&gt;.On&lt;TEvent&gt;</c> takes (one delegate call and one cast per event).
/// </summary>
public sealed class DictionaryAccount : AccountState
{
    private static readonly Dictionary<Type, Action<DictionaryAccount, object>> Handlers = new()
    {
        [typeof(AccountOpened)] = static (a, e) => a.Apply((AccountOpened)e),
        [typeof(Deposited)] = static (a, e) => a.Apply((Deposited)e),
        [typeof(Withdrawn)] = static (a, e) => a.Apply((Withdrawn)e),
        [typeof(InterestPaid)] = static (a, e) => a.Apply((InterestPaid)e),
        [typeof(AccountFrozen)] = static (a, e) => a.Apply((AccountFrozen)e),
    };

    public void ReplayEvent(object @event, long version)
    {
        if (Handlers.TryGetValue(@event.GetType(), out var handler))
        {
            handler(this, @event);
        }

        Version = version;
    }
}
