namespace Eventfold;

/// <summary>What every generated aggregate exposes, whatever its type.</summary>
public interface IAggregate
{
    /// <summary>The aggregate's id; its stream is <c>{category}-{Id}</c>.</summary>
    string Id { get; }

    /// <summary>-1 for a new aggregate; otherwise the version of the last applied event, counting from 0.</summary>
    long Version { get; }

    /// <summary>Events raised since the aggregate was loaded or last saved, oldest first.</summary>
    IReadOnlyList<object> UncommittedEvents { get; }
}
