using Microsoft.CodeAnalysis;

namespace Eventfold.Generators.States;

/// <summary>
/// Event-carried state transfer: for a <c>[PublishesState]</c> aggregate, the <c>{Aggregate}State</c> event
/// record, the mapping from the aggregate to it and its registration; for a <c>[StateReplica]</c> record,
/// the contract <c>StateReplica&lt;T&gt;</c> reads it through.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class StateGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var states = context.SyntaxProvider
            .ForAttributeWithMetadataName(KnownNames.PublishesStateAttribute, StateParser.IsCandidate, StateParser.Parse)
            .WithTrackingName(TrackingNames.PublishedStates)
            .Where(static spec => spec is not null)
            .WithTrackingName(TrackingNames.ValidPublishedStates);

        context.RegisterSourceOutput(states, static (output, spec) =>
            output.AddSource(spec!.HintName, StateEmitter.Emit(spec)));

        var replicas = context.SyntaxProvider
            .ForAttributeWithMetadataName(KnownNames.StateReplicaAttribute, ReplicaParser.IsCandidate, ReplicaParser.Parse)
            .WithTrackingName(TrackingNames.StateReplicas)
            .Where(static spec => spec is not null)
            .WithTrackingName(TrackingNames.ValidStateReplicas);

        context.RegisterSourceOutput(replicas, static (output, spec) =>
            output.AddSource(spec!.HintName, ReplicaEmitter.Emit(spec)));
    }
}
