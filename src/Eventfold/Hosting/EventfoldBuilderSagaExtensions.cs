using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Eventfold;

public static class EventfoldBuilderSagaExtensions
{
    /// <summary>
    /// Registers the saga <typeparamref name="TSaga"/>: its <see cref="SagaCoordinator{TSaga, TData}"/> and
    /// <see cref="SagaRunner{TSaga, TData}"/> as singletons, and a hosted service that, when the host starts,
    /// resumes every unfinished saga and, for a saga with <c>StartedBy</c>, starts one saga per triggering event
    /// while the host runs. Each saga run gets a new <typeparamref name="TSaga"/> whose constructor's parameters
    /// come from the container (singletons or transients: the root container makes it).
    /// The options are the named options <c>{name}</c> (the saga's name) of <see cref="SagaCoordinatorOptions"/> and
    /// <see cref="SagaRunnerOptions"/>: from the arguments, then <c>Eventfold:Sagas:{name}:Coordinator</c> and
    /// <c>:Runner</c>, then the application's <c>Configure</c> calls; validated at start.
    /// </summary>
    public static EventfoldBuilder AddSaga<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TSaga, TData>(
        this EventfoldBuilder builder, SagaCoordinatorOptions? coordinatorOptions = null, SagaRunnerOptions? runnerOptions = null)
        where TSaga : class, ISaga<TData>
        where TData : notnull
    {
        ArgumentNullException.ThrowIfNull(builder);
        string name = TSaga.SagaName;
        var (section, path) = builder.SectionFor("Sagas", name);
        ConfiguredOptions.Register<SagaCoordinatorOptions>(
            builder.Services, name, ConfigurationPaths.Join(path, "Coordinator"), section?.GetSection("Coordinator"),
            coordinatorOptions is null ? null : () => coordinatorOptions with { }, OptionsBinding.Bind, OptionsBinding.Check);
        ConfiguredOptions.Register<SagaRunnerOptions>(
            builder.Services, name, ConfigurationPaths.Join(path, "Runner"), section?.GetSection("Runner"),
            runnerOptions is null ? null : () => runnerOptions with { }, OptionsBinding.Bind, OptionsBinding.Check);
        builder.Services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptionsMonitor<SagaCoordinatorOptions>>().Get(TSaga.SagaName);
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
            var options = sp.GetRequiredService<IOptionsMonitor<SagaRunnerOptions>>().Get(TSaga.SagaName);
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
