using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Eventfold;

public static class EventfoldBuilderStateExtensions
{
    /// <summary>
    /// Registers the replica <typeparamref name="T"/> (<see cref="StateReplica{T}"/>) as a singleton, kept
    /// following the log by a hosted service while the host runs. It is durable when
    /// <see cref="StateReplicaOptions.Storage"/> is set, or else when the container holds an
    /// <see cref="IStateReplicaStorage"/> (such as <c>SqliteStateReplicaStorage</c>); otherwise it lives in
    /// memory and reads the state streams from the start at every start.
    /// </summary>
    public static EventfoldBuilder AddStateReplica<T>(this EventfoldBuilder builder, StateReplicaOptions? options = null)
        where T : class, IStateReplica<T>
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(sp =>
        {
            var o = options ?? new StateReplicaOptions();
            o = o with
            {
                Storage = o.Storage ?? sp.GetService<IStateReplicaStorage>(),
                Logger = o.Logger ?? sp.GetService<ILoggerFactory>()?.CreateLogger(StateReplica<T>.CheckpointName),
                TimeProvider = o.TimeProvider ?? sp.GetService<TimeProvider>(),
            };
            return new StateReplica<T>(sp.GetRequiredService<IEventStore>(), o);
        });
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StateReplicaHostedService<T>>());
        return builder;
    }
}
