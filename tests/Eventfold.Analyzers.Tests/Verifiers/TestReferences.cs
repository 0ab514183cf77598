using Microsoft.CodeAnalysis.Testing;

namespace Eventfold.Analyzers.Tests.Verifiers;

/// <summary>
/// The references every test compilation gets: the .NET 10 reference assemblies from
/// Basic.Reference.Assemblies (no download at test time) and Eventfold itself, for the attributes.
/// </summary>
internal static class TestReferences
{
    /// <summary>An empty package-less set: the real references are added through <see cref="Apply"/>.</summary>
    public static ReferenceAssemblies None { get; } = new("net10.0");

    public static void Apply(SolutionState state)
    {
        state.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        state.AdditionalReferences.Add(typeof(Eventfold.EventAttribute).Assembly.Location);
    }
}
