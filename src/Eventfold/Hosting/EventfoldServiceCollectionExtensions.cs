using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Eventfold;

public static class EventfoldServiceCollectionExtensions
{
    /// <summary>The name of the state publishers' options (<c>IOptionsMonitor&lt;StatePublisherOptions&gt;.Get(...)</c>).</summary>
    public const string StatePublishersOptionsName = "state-publishers";

    /// <summary>
    /// Registers Eventfold: one <see cref="IEventStore"/> (chosen in <paramref name="configure"/>, e.g.
    /// <c>o.UseSqlite("shop.db")</c>), disposed with the container, and an
    /// <see cref="AggregateRepository{T}"/> (also as <see cref="IAggregateRepository{T}"/>) for every aggregate type,
    /// the store as <see cref="ICheckpointStore"/> and <see cref="ISnapshotStore"/>, and (unless
    /// <see cref="EventfoldOptions.RunStatePublishers"/> is off) a hosted service running the state publisher of
    /// every <see cref="PublishesStateAttribute"/> aggregate, so no state is lost between a save and its publish.
    /// </summary>
    public static EventfoldBuilder AddEventfold(this IServiceCollection services, Action<EventfoldOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return AddEventfoldCore(services, configuration: null, configure);
    }

    /// <summary>
    /// Registers Eventfold as <see cref="AddEventfold(IServiceCollection, Action{EventfoldOptions})"/> does, with its
    /// settings from <paramref name="configuration"/> (typically <c>builder.Configuration.GetSection("Eventfold")</c>):
    /// the store (<c>Store</c>: <c>InMemory</c>, or <c>Sqlite</c>/<c>EventStoreDb</c> offered in
    /// <paramref name="configure"/> with <c>o.UseSqlite()</c>/<c>o.UseEventStoreDb()</c>) and its section, and the
    /// sections <c>Projections:{name}</c>, <c>Sagas:{name}:Coordinator|Runner</c>, <c>Replicas:{type}</c>,
    /// <c>Dispatchers:{type}</c>, <c>StatePublishers</c> and <c>RunStatePublishers</c>. Every options type is also in
    /// the options pattern (<c>IOptionsMonitor&lt;ProjectionRunnerOptions&gt;.Get("order-totals")</c>,
    /// <c>services.Configure&lt;ProjectionRunnerOptions&gt;("order-totals", o =&gt; …)</c>) and validated when the host
    /// starts: a bad value fails the start with a message naming its key. See docs/configuration.md.
    /// </summary>
    public static EventfoldBuilder AddEventfold(this IServiceCollection services, IConfiguration configuration, Action<EventfoldOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return AddEventfoldCore(services, configuration, configure);
    }

    private static EventfoldBuilder AddEventfoldCore(IServiceCollection services, IConfiguration? configuration, Action<EventfoldOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        string path = configuration is null ? "" : ConfigurationPaths.Of(configuration);
        var options = new EventfoldOptions(services, configuration, path);
        configure?.Invoke(options);
        if (configuration is not null)
        {
            new ConfigurationReader(configuration, path).Bool(nameof(EventfoldOptions.RunStatePublishers), v => options.RunStatePublishers = v);
            services.AddSingleton<IValidateOptions<EventfoldSection>>(sp => new EventfoldSectionValidator(configuration, path, sp.GetServices<ConfiguredName>()));
            services.AddOptions<EventfoldSection>().ValidateOnStart();
        }

        var store = options.Choose();
        store.Register?.Invoke(services);
        services.TryAddSingleton(store.Factory);
        services.TryAddSingleton(typeof(AggregateRepository<>));
        services.TryAddSingleton(typeof(IAggregateRepository<>), typeof(AggregateRepository<>));
        // The store keeps checkpoints and snapshots beside its events: both resolve to the one store.
        services.TryAddSingleton<ICheckpointStore>(sp => sp.GetRequiredService<IEventStore>());
        services.TryAddSingleton<ISnapshotStore>(sp => sp.GetRequiredService<IEventStore>());

        var publishers = options.StatePublisherOptions;
        ConfiguredOptions.Register<StatePublisherOptions>(
            services, StatePublishersOptionsName, ConfigurationPaths.Join(path, "StatePublishers"), configuration?.GetSection("StatePublishers"),
            publishers is null ? null : () => publishers with { }, OptionsBinding.Bind, OptionsBinding.Check);
        if (options.RunStatePublishers)
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StatePublishersHostedService>(sp =>
            {
                var configured = sp.GetRequiredService<IOptionsMonitor<StatePublisherOptions>>().Get(StatePublishersOptionsName);
                return new StatePublishersHostedService(
                    sp.GetRequiredService<IEventStore>(),
                    configured with { TimeProvider = configured.TimeProvider ?? sp.GetService<TimeProvider>() },
                    sp.GetService<ILogger<StatePublishersHostedService>>());
            }));
        }

        return new EventfoldBuilder(services) { Configuration = configuration, ConfigurationPath = path };
    }
}
