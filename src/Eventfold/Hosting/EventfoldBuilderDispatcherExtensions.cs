using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Eventfold;

public static class EventfoldBuilderDispatcherExtensions
{
    /// <summary>
    /// Registers the dispatcher <typeparamref name="T"/> as a singleton, started when the host starts and
    /// drained (within its drain timeout and the host's shutdown timeout) when the host stops. Its constructor's
    /// parameters come from the container. A generated dispatcher's <see cref="DispatcherOptions"/> are the named
    /// options <c>{type}</c> (the class's name): they start from its <c>[BoundedDispatcher]</c> attribute, are bound
    /// from <c>Eventfold:Dispatchers:{type}</c> when <c>AddEventfold</c> got a configuration, then changed by
    /// <paramref name="configure"/> and the application's <c>Configure&lt;DispatcherOptions&gt;(name, …)</c> calls; the
    /// container's logger and <see cref="TimeProvider"/> fill in what they leave unset. Bad settings fail the host's
    /// start with a message naming the key.
    /// </summary>
    public static EventfoldBuilder AddDispatcher<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(
        this EventfoldBuilder builder, Action<DispatcherOptions>? configure = null)
        where T : class, IBoundedDispatcher
    {
        ArgumentNullException.ThrowIfNull(builder);
        string name = typeof(T).Name;
        var (section, path) = builder.SectionFor("Dispatchers", name);
        // Validated when the engine is made (DispatcherHostedService throws it at start): only there are the
        // attribute's settings known, and a check of defaults plus configuration would miss MaxWorkers below Workers.
        bool added = ConfiguredOptions.Register<DispatcherOptions>(
            builder.Services, name, path, section, baseline: null, OptionsBinding.Bind, OptionsBinding.Check, validateOnStart: false);
        if (added && configure is not null)
        {
            builder.Services.Configure(name, configure);
        }

        builder.Services.TryAddSingleton<DispatcherConfigurationCheck<T>>();
        builder.Services.TryAddSingleton<T>(sp => Create<T>(sp, name));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DispatcherHostedService<T>>());
        return builder;
    }

    private static T Create<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(IServiceProvider services, string name)
        where T : class, IBoundedDispatcher
    {
        var dispatcher = ActivatorUtilities.CreateInstance<T>(services);
        if (dispatcher is IConfigurableDispatcher configurable)
        {
            // Read now: the engine is made on first use, perhaps after the container is gone.
            var setups = services.GetServices<IConfigureOptions<DispatcherOptions>>().ToArray();
            var postConfigures = services.GetServices<IPostConfigureOptions<DispatcherOptions>>().ToArray();
            var validations = services.GetServices<IValidateOptions<DispatcherOptions>>().ToArray();
            var loggers = services.GetService<ILoggerFactory>();
            var clock = services.GetService<TimeProvider>();
            var check = services.GetRequiredService<DispatcherConfigurationCheck<T>>();
            configurable.Configure(declared =>
            {
                var factory = new BaselineOptionsFactory<DispatcherOptions>(
                    setups, postConfigures, validations, [new OptionsBaseline<DispatcherOptions>(name, () => declared with { })]);
                DispatcherOptions options;
                try
                {
                    options = factory.Create(name);
                }
                catch (OptionsValidationException e)
                {
                    // Kept for the hosted service to throw at start; the engine is made with the declared settings,
                    // so disposing the dispatcher afterwards still works.
                    check.Failure = e;
                    options = declared with { };
                }

                options.Logger ??= loggers?.CreateLogger(typeof(T).FullName ?? typeof(T).Name);
                options.TimeProvider ??= clock;
                return options;
            });
        }

        return dispatcher;
    }
}
