using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Eventfold;

/// <summary>
/// Reads typed settings from one configuration section, by hand so binding stays trim- and AOT-safe. Every
/// error names the full key (<c>Eventfold:Projections:order-totals:Retries</c>); a key the section does not
/// know is refused too, so a misspelt setting is not silently ignored.
/// </summary>
internal sealed class ConfigurationReader
{
    private readonly IConfiguration _section;
    private readonly HashSet<string> _known = new(StringComparer.OrdinalIgnoreCase);

    public ConfigurationReader(IConfiguration section, string path)
    {
        _section = section;
        Path = path;
    }

    /// <summary>The section's full key, e.g. <c>Eventfold:Sqlite</c>; empty for the configuration's root.</summary>
    public string Path { get; }

    public static string Join(string path, string key) => ConfigurationPaths.Join(path, key);

    public string KeyOf(string key) => Join(Path, key);

    public bool Has(string key)
    {
        _known.Add(key);
        var child = _section.GetSection(key);
        return child.Value is not null || child.GetChildren().Any();
    }

    public ConfigurationReader Section(string key)
    {
        _known.Add(key);
        return new ConfigurationReader(_section.GetSection(key), KeyOf(key));
    }

    public string? String(string key)
    {
        _known.Add(key);
        return _section[key];
    }

    public void Int(string key, Action<int> set) => Parse(key, set, s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null, "a whole number");

    public void Long(string key, Action<long> set) => Parse(key, set, s => long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null, "a whole number");

    public void Bool(string key, Action<bool> set) => Parse(key, set, s => bool.TryParse(s, out var v) ? v : null, "true or false");

    /// <summary>A duration as <c>[d.]hh:mm:ss[.fff]</c>, e.g. <c>00:00:30</c> (as the standard binder reads it).</summary>
    public void TimeSpan(string key, Action<TimeSpan> set) =>
        Parse(key, set, s => System.TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out var v) ? v : null, "a duration written hh:mm:ss (e.g. 00:00:30)");

    public void Enum<TEnum>(string key, Action<TEnum> set)
        where TEnum : struct, Enum =>
        Parse(key, set, s => System.Enum.TryParse<TEnum>(s, ignoreCase: true, out var v) && System.Enum.IsDefined(v) && IsName(s) ? v : null,
            "one of " + string.Join(", ", System.Enum.GetNames<TEnum>()));

    // "2" parses as an enum value too; configuration names the member.
    private static bool IsName(string s) => s.TrimStart('-') is { Length: > 0 } rest && !char.IsAsciiDigit(rest[0]);

    /// <summary>Refuses every key of the section that no read asked for.</summary>
    public void RejectUnknown(ICollection<string> failures)
    {
        foreach (var child in _section.GetChildren())
        {
            if (!_known.Contains(child.Key))
            {
                failures.Add($"{KeyOf(child.Key)} is not a setting of {(Path.Length == 0 ? "Eventfold" : Path)}; it knows {string.Join(", ", _known.Order(StringComparer.Ordinal))}.");
            }
        }
    }

    /// <summary>Throws the failures, if any, as the options pattern reports them (at start with <c>ValidateOnStart</c>).</summary>
    public static void ThrowIfAny<T>(string name, ICollection<string> failures)
    {
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(name, typeof(T), failures);
        }
    }

    private void Parse<TValue>(string key, Action<TValue> set, Func<string, TValue?> parse, string expected)
        where TValue : struct
    {
        _known.Add(key);
        string? text = _section[key];
        if (text is null)
        {
            return;
        }

        TValue? value = text.Length == 0 ? null : parse(text.Trim());
        if (value is null)
        {
            throw new OptionsValidationException(KeyOf(key), typeof(TValue), [$"{KeyOf(key)} is '{text}', which is not {expected}."]);
        }

        set(value.Value);
    }
}
