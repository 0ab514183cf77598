using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Eventfold;

public static class EventfoldBuilderStateExtensions
{
    /// <summary>
    /// Registers the replica <typeparamref name="T"/> (<see cref="StateReplica{T}"/>) as a singleton, kept
    /// following the log by a hosted service while the host runs. It is durable when
    /// <see cref="StateReplicaOptions.Storage"/> is set, or else when the container holds an
    /// <see cref="IStateReplicaStorage"/> (such as <c>SqliteStateReplicaStorage</c>); otherwise it lives in
    /// memory and reads the state streams from the start at every start.
    /// Its <see cref="StateReplicaOptions"/> are the named options <c>{type}</c> (the replica's type name, e.g.
    /// <c>CustomerView</c>): from <paramref name="options"/>, then <c>Eventfold:Replicas:{type}</c>, then the
    /// application's <c>Configure</c> calls; validated at start.
    /// </summary>
    public static EventfoldBuilder AddStateReplica<T>(this EventfoldBuilder builder, StateReplicaOptions? options = null)
        where T : class, IStateReplica<T>
    {
        ArgumentNullException.ThrowIfNull(builder);
        var (section, path) = builder.SectionFor("Replicas", typeof(T).Name);
        ConfiguredOptions.Register<StateReplicaOptions>(
            builder.Services, typeof(T).Name, path, section, options is null ? null : () => options with { }, OptionsBinding.Bind, OptionsBinding.Check);
        builder.Services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptionsMonitor<StateReplicaOptions>>().Get(typeof(T).Name);
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
