using Microsoft.CodeAnalysis;

namespace Eventfold.Analyzers.Common;

/// <summary>
/// The Eventfold and BCL types the analyzers look for, resolved once per compilation. A member is
/// null when the compilation does not reference it.
/// </summary>
internal sealed class EventfoldTypes
{
    private EventfoldTypes(Compilation compilation)
    {
        Event = compilation.GetTypeByMetadataName("Eventfold.EventAttribute");
        Aggregate = compilation.GetTypeByMetadataName("Eventfold.AggregateAttribute");
        Projection = compilation.GetTypeByMetadataName("Eventfold.ProjectionAttribute");
        Saga = compilation.GetTypeByMetadataName("Eventfold.SagaAttribute");
        StateReplica = compilation.GetTypeByMetadataName("Eventfold.StateReplicaAttribute");
        BoundedDispatcher = compilation.GetTypeByMetadataName("Eventfold.BoundedDispatcherAttribute");
        Step = compilation.GetTypeByMetadataName("Eventfold.StepAttribute");
        Upcaster = compilation.GetTypeByMetadataName("Eventfold.UpcasterAttribute");
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        PublishesState = compilation.GetTypeByMetadataName("Eventfold.PublishesStateAttribute");
    }

    public INamedTypeSymbol? Event { get; }
    public INamedTypeSymbol? Aggregate { get; }
    public INamedTypeSymbol? Projection { get; }
    public INamedTypeSymbol? Saga { get; }
    public INamedTypeSymbol? StateReplica { get; }
    public INamedTypeSymbol? BoundedDispatcher { get; }
    public INamedTypeSymbol? Step { get; }
    public INamedTypeSymbol? Upcaster { get; }
    public INamedTypeSymbol? Task { get; }
    public INamedTypeSymbol? TaskOfT { get; }
    public INamedTypeSymbol? ValueTask { get; }
    public INamedTypeSymbol? CancellationToken { get; }
    public INamedTypeSymbol? PublishesState { get; }

    public static EventfoldTypes From(Compilation compilation) => new(compilation);

    /// <summary><c>Eventfold.EventContext</c> is matched by name: it may be declared after these analyzers.</summary>
    public static bool IsEventContext(ITypeSymbol type) =>
        type.Name == "EventContext"
        && type.ContainingType is null
        && type.ContainingNamespace is { Name: "Eventfold", ContainingNamespace.IsGlobalNamespace: true };
}
