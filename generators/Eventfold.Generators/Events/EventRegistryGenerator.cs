using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Eventfold.Generators.Events;

/// <summary>
/// Emits one registration class per assembly that registers every <c>[Event]</c> type and
/// <c>[Upcaster]</c> method with <c>EventRegistry.Default</c> from a module initializer.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class EventRegistryGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var events = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.EventAttribute,
                static (node, _) => node is TypeDeclarationSyntax,
                EventRegistryParser.ParseEvent)
            .WithTrackingName(TrackingNames.Events)
            .Where(static spec => spec is not null)
            .WithTrackingName(TrackingNames.ValidEvents)
            .Collect()
            .WithTrackingName(TrackingNames.CollectedEvents);

        var upcasters = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.UpcasterAttribute,
                static (node, _) => node is MethodDeclarationSyntax,
                EventRegistryParser.ParseUpcaster)
            .WithTrackingName(TrackingNames.Upcasters)
            .Where(static spec => spec is not null)
            .WithTrackingName(TrackingNames.ValidUpcasters)
            .Collect()
            .WithTrackingName(TrackingNames.CollectedUpcasters);

        var assemblyName = context.CompilationProvider
            .Select(static (compilation, _) => compilation.AssemblyName ?? "")
            .WithTrackingName(TrackingNames.AssemblyName);

        var registry = events
            .Combine(upcasters)
            .Combine(assemblyName)
            .Select(static (input, _) => EventRegistryParser.Combine(input.Left.Left!, input.Left.Right!, input.Right))
            .WithTrackingName(TrackingNames.Registry);

        context.RegisterSourceOutput(registry, static (output, spec) =>
        {
            if (spec is not null)
            {
                output.AddSource(EventRegistryEmitter.HintName, EventRegistryEmitter.Emit(spec));
            }
        });
    }
}
