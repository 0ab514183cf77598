using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Eventfold;

public static class EventfoldBuilderDispatcherExtensions
{
    /// <summary>
    /// Registers the dispatcher <typeparamref name="T"/> as a singleton, started when the host starts and
    /// drained (within its drain timeout and the host's shutdown timeout) when the host stops. Its constructor's
    /// parameters come from the container; a generated dispatcher also gets the container's logger and
    /// <see cref="TimeProvider"/>, unless it set its own, and, when <c>AddEventfold</c> got a configuration, the
    /// settings under <c>Eventfold:Dispatchers:{type}</c> (e.g. <c>Capacity</c>, <c>Workers</c>) over those of its
    /// <c>[BoundedDispatcher]</c> attribute; bad settings fail the host's start with a message naming the key.
    /// </summary>
    public static EventfoldBuilder AddDispatcher<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(this EventfoldBuilder builder)
        where T : class, IBoundedDispatcher
    {
        ArgumentNullException.ThrowIfNull(builder);
        var (section, path) = builder.SectionFor("Dispatchers", typeof(T).Name);
        builder.Services.TryAddSingleton<DispatcherConfigurationCheck<T>>();
        builder.Services.TryAddSingleton<T>(sp => Create<T>(sp, section, path));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DispatcherHostedService<T>>());
        return builder;
    }

    private static T Create<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(IServiceProvider services, IConfiguration? section, string path)
        where T : class, IBoundedDispatcher
    {
        var dispatcher = ActivatorUtilities.CreateInstance<T>(services);
        if (dispatcher is IConfigurableDispatcher configurable)
        {
            var loggers = services.GetService<ILoggerFactory>();
            var clock = services.GetService<TimeProvider>();
            var check = services.GetRequiredService<DispatcherConfigurationCheck<T>>();
            configurable.Configure(options => Configured(options, section, path, check) with
            {
                Logger = options.Logger ?? loggers?.CreateLogger(typeof(T).FullName ?? typeof(T).Name),
                TimeProvider = options.TimeProvider ?? clock,
            });
        }

        return dispatcher;
    }

    /// <summary>The attribute's settings with the configured ones over them, checked (the engine is made when the host starts it).</summary>
    /// A failure is kept for the hosted service to throw at start; the engine is then made with the declared settings, so
    /// disposing the dispatcher afterwards still works.
    private static DispatcherOptions Configured<T>(DispatcherOptions declared, IConfiguration? section, string path, DispatcherConfigurationCheck<T> check)
        where T : class, IBoundedDispatcher
    {
        if (section is null)
        {
            return declared;
        }

        try
        {
            var reader = new ConfigurationReader(section, path);
            var options = OptionsBinding.Bind(reader, declared);
            var checks = new OptionsChecks(path);
            reader.RejectUnknown(checks.Failures);
            OptionsBinding.Check(checks, options);
            ConfigurationReader.ThrowIfAny<DispatcherOptions>(path, checks.Failures);
            return options;
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException e)
        {
            check.Failure = e;
            return declared;
        }
    }
}
