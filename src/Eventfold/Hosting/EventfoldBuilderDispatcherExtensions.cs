using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Eventfold;

public static class EventfoldBuilderDispatcherExtensions
{
    /// <summary>
    /// Registers the dispatcher <typeparamref name="T"/> as a singleton, started when the host starts and
    /// drained (within its drain timeout and the host's shutdown timeout) when the host stops.
    /// </summary>
    public static EventfoldBuilder AddDispatcher<T>(this EventfoldBuilder builder)
        where T : class, IBoundedDispatcher
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<T>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DispatcherHostedService<T>>());
        return builder;
    }
}
