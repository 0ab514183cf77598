using System.ComponentModel;

namespace Eventfold;

/// <summary>
/// The state publishers of every loaded <see cref="PublishesStateAttribute"/> aggregate, registered by the
/// generated code when its assembly loads, so hosting runs each one without a registration call per
/// aggregate. Called by generated code only.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class StatePublishers
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, Func<IEventStore, StatePublisherOptions?, IStatePublisherRun>> ByCategory = new(StringComparer.Ordinal);

    /// <summary>Registers the publisher of <typeparamref name="T"/>; registering it again does nothing.</summary>
    public static void Register<T>()
        where T : class, IEventSourced<T>, IPublishesState
    {
        lock (Gate)
        {
            ByCategory.TryAdd(T.Category, static (store, options) => new StatePublisher<T>(store, options));
        }
    }

    /// <summary>The categories with a registered publisher, and how to create each.</summary>
    internal static IReadOnlyList<KeyValuePair<string, Func<IEventStore, StatePublisherOptions?, IStatePublisherRun>>> All
    {
        get
        {
            lock (Gate)
            {
                return [.. ByCategory.OrderBy(p => p.Key, StringComparer.Ordinal)];
            }
        }
    }
}

/// <summary>A state publisher whatever its aggregate type, for hosting.</summary>
internal interface IStatePublisherRun
{
    Task RunAsync(CancellationToken ct);
}
