using Microsoft.Extensions.Configuration;

namespace Eventfold;

/// <summary>Full configuration keys, so every message names the key the user wrote.</summary>
internal static class ConfigurationPaths
{
    public static string Join(string path, string key) => path.Length == 0 ? key : path + ":" + key;

    /// <summary>The full key of <paramref name="configuration"/>: its path when it is a section, empty for a root.</summary>
    public static string Of(IConfiguration configuration) => configuration is IConfigurationSection s ? s.Path : "";
}
