using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Eventfold;

public static class EventfoldBuilderProjectionExtensions
{
    /// <summary>
    /// Registers the projection <typeparamref name="T"/> and its <see cref="ProjectionRunner{T}"/> as singletons,
    /// run by a hosted service: it catches up and follows the log live while the host runs, and on shutdown
    /// drains and saves its checkpoint. When the application adds health checks (<c>AddHealthChecks()</c>), the
    /// check <c>projection:{name}</c> reports the runner stopped or too far behind (ProjectionHealthCheck).
    /// Its <see cref="ProjectionRunnerOptions"/> are the named options <c>{name}</c> (the projection's name): they start
    /// from <paramref name="options"/>, are bound from <c>Eventfold:Projections:{name}</c> when <c>AddEventfold</c> got a
    /// configuration, take the application's <c>Configure&lt;ProjectionRunnerOptions&gt;(name, …)</c>, and are validated at start.
    /// </summary>
    public static EventfoldBuilder AddProjection<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(this EventfoldBuilder builder, ProjectionRunnerOptions? options = null)
        where T : class, IProjection
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<T>();
        string name = ProjectionRunner<T>.Name;
        var (section, path) = builder.SectionFor("Projections", name);
        ConfiguredOptions.Register<ProjectionRunnerOptions>(
            builder.Services, name, path, section, options is null ? null : () => options with { }, OptionsBinding.Bind, OptionsBinding.Check);
        builder.Services.TryAddSingleton(sp =>
        {
            // Parked events and handler errors reach the host's log unless the options name a logger of their own.
            var o = OptionsOf(sp);
            o = o with
            {
                Logger = o.Logger ?? sp.GetService<ILoggerFactory>()?.CreateLogger(ProjectionRunner<T>.CheckpointName),
                TimeProvider = o.TimeProvider ?? sp.GetService<TimeProvider>(),
            };
            return new ProjectionRunner<T>(sp.GetRequiredService<IEventStore>(), sp.GetRequiredService<T>(), o);
        });
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ProjectionHostedService<T>>());
        builder.Services.Configure<HealthCheckServiceOptions>(o =>
        {
            if (o.Registrations.All(r => r.Name != ProjectionRunner<T>.CheckpointName))
            {
                o.Registrations.Add(new HealthCheckRegistration(
                    ProjectionRunner<T>.CheckpointName,
                    sp => new ProjectionHealthCheck<T>(sp.GetRequiredService<ProjectionRunner<T>>(), OptionsOf(sp).HealthyEventsBehind),
                    failureStatus: null,
                    tags: ["eventfold", "projection"]));
            }
        });
        return builder;

        static ProjectionRunnerOptions OptionsOf(IServiceProvider sp) =>
            sp.GetRequiredService<IOptionsMonitor<ProjectionRunnerOptions>>().Get(ProjectionRunner<T>.Name);
    }
}
