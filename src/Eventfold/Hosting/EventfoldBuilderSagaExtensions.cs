using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Eventfold;

public static class EventfoldBuilderSagaExtensions
{
    /// <summary>
    /// Registers the saga <typeparamref name="TSaga"/>: its <see cref="SagaCoordinator{TSaga, TData}"/> and
    /// <see cref="SagaRunner{TSaga, TData}"/> as singletons, and a hosted service that, when the host starts,
    /// resumes every unfinished saga and, for a saga with <c>StartedBy</c>, starts one saga per triggering event
    /// while the host runs. Each saga run gets a new <typeparamref name="TSaga"/> whose constructor's parameters
    /// come from the container (singletons or transients: the root container makes it).
    /// </summary>
    public static EventfoldBuilder AddSaga<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TSaga, TData>(
        this EventfoldBuilder builder, SagaCoordinatorOptions? coordinatorOptions = null, SagaRunnerOptions? runnerOptions = null)
        where TSaga : class, ISaga<TData>
        where TData : notnull
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(sp =>
        {
            var options = coordinatorOptions ?? new SagaCoordinatorOptions();
            options = options with
            {
                Logger = options.Logger ?? sp.GetService<ILoggerFactory>()?.CreateLogger("Eventfold.Saga." + TSaga.SagaName),
                TimeProvider = options.TimeProvider ?? sp.GetService<TimeProvider>(),
            };
            var create = ActivatorUtilities.CreateFactory<TSaga>([]);
            return new SagaCoordinator<TSaga, TData>(sp.GetRequiredService<IEventStore>(), () => create(sp, []), options);
        });
        builder.Services.TryAddSingleton(sp =>
        {
            var options = runnerOptions ?? new SagaRunnerOptions();
            options = options with
            {
                Logger = options.Logger ?? sp.GetService<ILoggerFactory>()?.CreateLogger(SagaRunner<TSaga, TData>.CheckpointName),
                TimeProvider = options.TimeProvider ?? sp.GetService<TimeProvider>(),
            };
            return new SagaRunner<TSaga, TData>(sp.GetRequiredService<IEventStore>(), sp.GetRequiredService<SagaCoordinator<TSaga, TData>>(), options);
        });
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SagaHostedService<TSaga, TData>>());
        return builder;
    }
}
