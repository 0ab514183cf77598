using System.Reflection;
using Eventfold.Generators;

namespace Eventfold.Generators.Tests;

/// <summary>[GeneratedCode] names the version the generator assembly was built as, not a fixed one.</summary>
public sealed class GeneratorVersionTests
{
    [Fact]
    public void The_generated_code_version_is_the_generator_assemblys_package_version()
    {
        string informational = typeof(GeneratorInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        Assert.Equal(GeneratorInfo.Version, informational.Split('+')[0]);
    }
}
