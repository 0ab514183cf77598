using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Eventfold;

public static class EventfoldServiceCollectionExtensions
{
    /// <summary>
    /// Registers Eventfold: one <see cref="IEventStore"/> (chosen in <paramref name="configure"/>, e.g.
    /// <c>o.UseSqlite("shop.db")</c>), disposed with the container, and an
    /// <see cref="AggregateRepository{T}"/> for every aggregate type.
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
        return new EventfoldBuilder(services);
    }
}
