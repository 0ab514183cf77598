namespace Eventfold;

/// <summary>Collects validation failures, each naming the full configuration key of the setting.</summary>
internal sealed class OptionsChecks
{
    public OptionsChecks(string path)
        : this(path, new List<string>())
    {
    }

    private OptionsChecks(string path, List<string> failures)
    {
        Path = path;
        Failures = failures;
    }

    public List<string> Failures { get; }

    public string Path { get; }

    public string KeyOf(string setting) => ConfigurationReader.Join(Path, setting);

    /// <summary>Checks of a nested section, reporting into the same list.</summary>
    public OptionsChecks Section(string key) => new(ConfigurationReader.Join(Path, key), Failures);

    public void Fail(string setting, string message) => Failures.Add($"{KeyOf(setting)} {message}");

    public void Required(string setting, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Fail(setting, "is required.");
        }
    }

    public void AtLeast(string setting, long value, long least)
    {
        if (value < least)
        {
            Fail(setting, $"must be at least {least} (it is {value}).");
        }
    }

    public void Positive(string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            Fail(setting, $"must be a positive duration (it is {value}).");
        }
    }

    public void NotNegative(string setting, TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            Fail(setting, $"must not be negative (it is {value}).");
        }
    }
}
