namespace Eventfold.Generators;

internal static class GeneratorInfo
{
    /// <summary>Written into [GeneratedCode]; fixed rather than read from the assembly so baselines stay stable.</summary>
    public const string Version = "1.0.0";
}
