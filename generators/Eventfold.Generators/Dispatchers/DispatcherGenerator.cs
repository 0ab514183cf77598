using Microsoft.CodeAnalysis;

namespace Eventfold.Generators.Dispatchers;

/// <summary>
/// Implements every partial <c>[BoundedDispatcher]</c> class over a <c>DispatcherEngine&lt;TSelf&gt;</c>: a typed
/// <c>EnqueueAsync</c>/<c>TryEnqueue</c> per handled message type, <c>Start</c>, <c>StopAsync</c>,
/// <c>DisposeAsync</c>, <c>Stats</c>, <c>Configure</c>, and a direct switch from the handler index to its
/// <c>Handle</c> method.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class DispatcherGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var dispatchers = context.SyntaxProvider
            .ForAttributeWithMetadataName(DispatcherParser.AttributeName, DispatcherParser.IsCandidate, DispatcherParser.Parse)
            .WithTrackingName(TrackingNames.Dispatchers)
            .Where(static spec => spec is not null)
            .WithTrackingName(TrackingNames.ValidDispatchers);

        context.RegisterSourceOutput(dispatchers, static (output, spec) =>
            output.AddSource(spec!.HintName, DispatcherEmitter.Emit(spec)));
    }
}
