using Microsoft.Extensions.Options;

namespace Eventfold;

/// <summary>
/// Validates the named options <see cref="Name"/> with <see cref="Check"/>, whose failures name the
/// configuration key the bad value sits under (<see cref="Path"/> and the setting), whether it came from
/// configuration or from code.
/// </summary>
internal sealed class KeyedOptionsValidator<T>(string name, string path, Action<OptionsChecks, T> check) : IValidateOptions<T>
    where T : class
{
    public string Name { get; } = name;

    public string Path { get; } = path;

    public Action<OptionsChecks, T> Check { get; } = check;

    public ValidateOptionsResult Validate(string? name, T options)
    {
        if ((name ?? Options.DefaultName) != Name)
        {
            return ValidateOptionsResult.Skip;
        }

        var checks = new OptionsChecks(Path);
        Check(checks, options);
        return checks.Failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(checks.Failures);
    }
}
