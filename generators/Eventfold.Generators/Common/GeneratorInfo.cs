namespace Eventfold.Generators;

/// <summary>What the generators write into <c>[GeneratedCode]</c>.</summary>
internal static partial class GeneratorInfo
{
    /// <summary>The package version this generator was built as; written by the build (GeneratorVersion.targets).</summary>
    public const string Version = BuildVersion;
}
