using Microsoft.Extensions.Logging;

namespace Eventfold;

/// <summary>Keeps a <see cref="StateReplica{T}"/> following the log while the host runs.</summary>
internal sealed class StateReplicaHostedService<T>(StateReplica<T> replica, ILogger<StateReplicaHostedService<T>>? logger = null)
    : LoggedRunHostedService(logger)
    where T : class, IStateReplica<T>
{
    protected override string Name => StateReplica<T>.CheckpointName;

    protected override Task RunAsync(CancellationToken ct) => replica.RunAsync(ct);
}
