using Microsoft.CodeAnalysis;

namespace Eventfold.Generators.Aggregates;

/// <summary>
/// Implements <c>IEventSourced&lt;TSelf&gt;</c> on every partial <c>[Aggregate]</c> class: identity,
/// version, uncommitted events, <c>Raise</c> and a direct dispatch to its <c>Apply</c> methods.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class AggregateGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var aggregates = context.SyntaxProvider
            .ForAttributeWithMetadataName(KnownNames.AggregateAttribute, AggregateParser.IsCandidate, AggregateParser.Parse)
            .WithTrackingName(TrackingNames.Aggregates)
            .Where(static spec => spec is not null)
            .WithTrackingName(TrackingNames.ValidAggregates);

        context.RegisterSourceOutput(aggregates, static (output, spec) =>
            output.AddSource(spec!.HintName, AggregateEmitter.Emit(spec)));
    }
}
