using Microsoft.CodeAnalysis;

namespace Eventfold.Generators.Projections;

/// <summary>
/// Implements <c>IProjection</c> on every partial <c>[Projection]</c> class: its name, the stored names
/// of the events it handles (the store's filter) and a direct dispatch to its <c>On</c> methods.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ProjectionGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var projections = context.SyntaxProvider
            .ForAttributeWithMetadataName(KnownNames.ProjectionAttribute, ProjectionParser.IsCandidate, ProjectionParser.Parse)
            .WithTrackingName(TrackingNames.Projections)
            .Where(static spec => spec is not null)
            .WithTrackingName(TrackingNames.ValidProjections);

        context.RegisterSourceOutput(projections, static (output, spec) =>
            output.AddSource(spec!.HintName, ProjectionEmitter.Emit(spec)));
    }
}
