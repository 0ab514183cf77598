using Microsoft.CodeAnalysis;

namespace Eventfold.Generators.Sagas;

/// <summary>
/// Implements <c>ISaga&lt;TData&gt;</c> on every partial <c>[Saga]</c> class: its name and steps, the state
/// machine's forward and compensation transitions as switches, direct calls to its step and compensation
/// methods, and its <c>Diagram</c> (Mermaid <c>stateDiagram-v2</c>).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SagaGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var sagas = context.SyntaxProvider
            .ForAttributeWithMetadataName(SagaParser.AttributeName, SagaParser.IsCandidate, SagaParser.Parse)
            .WithTrackingName(TrackingNames.Sagas)
            .Where(static spec => spec is not null)
            .WithTrackingName(TrackingNames.ValidSagas);

        context.RegisterSourceOutput(sagas, static (output, spec) =>
            output.AddSource(spec!.HintName, SagaEmitter.Emit(spec)));
    }
}
