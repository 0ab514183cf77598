using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Eventfold;

/// <summary>
/// Registers one named instance of an Eventfold options type in the options pattern: it starts from the
/// options given in code, is bound from its configuration section (when <c>AddEventfold</c> got one), then
/// changed by the application's own <c>Configure&lt;T&gt;(name, …)</c> calls, and is validated when the host
/// starts (<c>ValidateOnStart</c>), each failure naming its configuration key.
/// </summary>
/// <returns>False when the name was registered already (nothing is added).</returns>
internal static class ConfiguredOptions
{
    public static bool Register<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>(
        IServiceCollection services,
        string name,
        string path,
        IConfiguration? section,
        Func<T>? baseline,
        Action<ConfigurationReader, T> bind,
        Action<OptionsChecks, T> check,
        bool validateOnStart = true)
        where T : class
    {
        if (services.Any(d => d.ImplementationInstance is KeyedOptionsValidator<T> v && v.Name == name))
        {
            return false; // registered already: the first Add… call's options stand, as with the TryAdd registrations
        }

        services.TryAddTransient<IOptionsFactory<T>, BaselineOptionsFactory<T>>();
        if (baseline is not null)
        {
            services.AddSingleton(new OptionsBaseline<T>(name, baseline));
        }

        var builder = services.AddOptions<T>(name);
        if (section is not null)
        {
            builder.Configure(options =>
            {
                var reader = new ConfigurationReader(section, path);
                bind(reader, options);
                var failures = new List<string>();
                reader.RejectUnknown(failures);
                ConfigurationReader.ThrowIfAny<T>(name, failures);
            });
        }

        services.AddSingleton<IValidateOptions<T>>(new KeyedOptionsValidator<T>(name, path, check));
        if (validateOnStart)
        {
            builder.ValidateOnStart();
        }

        return true;
    }
}
