namespace Eventfold;

/// <summary>
/// What the generator implements on a <see cref="StateReplicaAttribute"/> record: the published state it
/// copies. The record's own <c>Id</c> and <c>Version</c> say whose state it is and how new.
/// </summary>
public interface IStateReplica<TSelf> : IPublishedState
    where TSelf : class, IStateReplica<TSelf>
{
    /// <summary>The published state's event name, <c>{category}.state</c>.</summary>
    static abstract string StateName { get; }
}
