using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Eventfold;

public static class EventfoldServiceCollectionExtensions
{
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
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new EventfoldOptions();
        configure(options);
        var factory = options.StoreFactory
            ?? throw new InvalidOperationException("AddEventfold needs a store: call o.UseSqlite(path), o.UseEventStoreDb(connectionString) or o.UseInMemory().");

        services.TryAddSingleton(factory);
        services.TryAddSingleton(typeof(AggregateRepository<>));
        services.TryAddSingleton(typeof(IAggregateRepository<>), typeof(AggregateRepository<>));
        // The store keeps checkpoints and snapshots beside its events: both resolve to the one store.
        services.TryAddSingleton<ICheckpointStore>(sp => sp.GetRequiredService<IEventStore>());
        services.TryAddSingleton<ISnapshotStore>(sp => sp.GetRequiredService<IEventStore>());
        if (options.RunStatePublishers)
        {
            var publisherOptions = options.StatePublisherOptions;
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StatePublishersHostedService>(sp => new StatePublishersHostedService(
                sp.GetRequiredService<IEventStore>(),
                publisherOptions is null ? null : publisherOptions with { TimeProvider = publisherOptions.TimeProvider ?? sp.GetService<TimeProvider>() },
                sp.GetService<ILogger<StatePublishersHostedService>>())));
        }

        return new EventfoldBuilder(services);
    }
}
