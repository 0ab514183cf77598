using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Eventfold;

public static class EventfoldBuilderProjectionExtensions
{
    /// <summary>
    /// Registers the projection <typeparamref name="T"/> and its <see cref="ProjectionRunner{T}"/> as singletons,
    /// run by a hosted service: it catches up and follows the log live while the host runs, and on shutdown
    /// drains and saves its checkpoint.
    /// </summary>
    public static EventfoldBuilder AddProjection<T>(this EventfoldBuilder builder, ProjectionRunnerOptions? options = null)
        where T : class, IProjection
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<T>();
        builder.Services.TryAddSingleton(sp => new ProjectionRunner<T>(sp.GetRequiredService<IEventStore>(), sp.GetRequiredService<T>(), options));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ProjectionHostedService<T>>());
        return builder;
    }
}
