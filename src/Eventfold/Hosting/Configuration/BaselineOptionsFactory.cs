using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace Eventfold;

/// <summary>
/// The options factory for Eventfold's option types: a named instance starts from the options given in code
/// (<see cref="OptionsBaseline{T}"/>), where the default factory would start from a new, default one.
/// </summary>
internal sealed class BaselineOptionsFactory<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>(
    IEnumerable<IConfigureOptions<T>> setups,
    IEnumerable<IPostConfigureOptions<T>> postConfigures,
    IEnumerable<IValidateOptions<T>> validations,
    IEnumerable<OptionsBaseline<T>> baselines)
    : OptionsFactory<T>(setups, postConfigures, validations)
    where T : class
{
    private readonly OptionsBaseline<T>[] _baselines = [.. baselines];

    protected override T CreateInstance(string name)
    {
        // The last registration wins, as with every other options setting.
        for (int i = _baselines.Length - 1; i >= 0; i--)
        {
            if (_baselines[i].Name == name)
            {
                return _baselines[i].Create();
            }
        }

        return base.CreateInstance(name);
    }
}
