using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Eventfold;

/// <summary>Returned by <c>AddEventfold</c>, to register projections, sagas, replicas and dispatchers.</summary>
public sealed class EventfoldBuilder(IServiceCollection services)
{
    public IServiceCollection Services { get; } = services;

    /// <summary>The Eventfold section given to <c>AddEventfold</c>, or null.</summary>
    internal IConfiguration? Configuration { get; init; }

    /// <summary>Its full key, e.g. <c>Eventfold</c>.</summary>
    internal string ConfigurationPath { get; init; } = "";

    /// <summary>
    /// The section of one projection, saga, replica or dispatcher (<c>Eventfold:{kind}:{name}</c>) and its full
    /// key; the section is null without configuration. Records the name, so a section naming nothing added is refused at start.
    /// </summary>
    internal (IConfiguration? Section, string Path) SectionFor(string kind, string name)
    {
        string path = ConfigurationPaths.Join(ConfigurationPaths.Join(ConfigurationPath, kind), name);
        if (Configuration is null)
        {
            return (null, path);
        }

        Services.AddSingleton(new ConfiguredName(kind, name));
        return (Configuration.GetSection(kind).GetSection(name), path);
    }
}
