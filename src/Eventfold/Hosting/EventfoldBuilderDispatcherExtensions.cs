using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Eventfold;

public static class EventfoldBuilderDispatcherExtensions
{
    /// <summary>
    /// Registers the dispatcher <typeparamref name="T"/> as a singleton, started when the host starts and
    /// drained (within its drain timeout and the host's shutdown timeout) when the host stops. Its constructor's
    /// parameters come from the container; a generated dispatcher also gets the container's logger and
    /// <see cref="TimeProvider"/>, unless it set its own.
    /// </summary>
    public static EventfoldBuilder AddDispatcher<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(this EventfoldBuilder builder)
        where T : class, IBoundedDispatcher
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<T>(Create<T>);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DispatcherHostedService<T>>());
        return builder;
    }

    private static T Create<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(IServiceProvider services)
        where T : class, IBoundedDispatcher
    {
        var dispatcher = ActivatorUtilities.CreateInstance<T>(services);
        if (dispatcher is IConfigurableDispatcher configurable)
        {
            var loggers = services.GetService<ILoggerFactory>();
            var clock = services.GetService<TimeProvider>();
            configurable.Configure(options => options with
            {
                Logger = options.Logger ?? loggers?.CreateLogger(typeof(T).FullName ?? typeof(T).Name),
                TimeProvider = options.TimeProvider ?? clock,
            });
        }

        return dispatcher;
    }
}
