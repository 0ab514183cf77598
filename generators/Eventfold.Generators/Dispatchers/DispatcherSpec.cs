using Eventfold.Compiler;
using Eventfold.Generators.Aggregates;

namespace Eventfold.Generators.Dispatchers;

/// <summary>
/// One <c>[BoundedDispatcher]</c> class as the emitter needs it: its declaration, the attribute's settings
/// and its handlers in switch order. <see cref="KeyType"/> is empty when the dispatcher has no key methods.
/// <see cref="MetadataName"/> is the class's name as <c>typeof(T).Name</c> gives it: the default name in logs and metrics.
/// </summary>
internal sealed record DispatcherSpec(
    string HintName,
    string Namespace,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    string Declaration,
    string FullyQualifiedName,
    string MetadataName,
    int Capacity,
    string Overflow,
    int Workers,
    int MaxWorkers,
    int PerSecond,
    string KeyType,
    EquatableArray<HandleSpec> Handlers);

/// <summary>One accepted Handle method; its position in <see cref="DispatcherSpec.Handlers"/> is its handler index.</summary>
/// <param name="MessageType">"global::Shop.SendEmail".</param>
/// <param name="IsValueType">A struct message: no null check (it cannot be null, and the check would box it).</param>
/// <param name="IsReferenceType">A class, interface or class-constrained message: the dispatch reads it back without a type test.</param>
/// <param name="Returns">How the generated switch turns the call into a ValueTask.</param>
/// <param name="TakesToken">Whether the handler takes the dispatcher's CancellationToken.</param>
/// <param name="HasKey">Whether a KeyOf method takes this message type.</param>
internal readonly record struct HandleSpec(string MessageType, bool IsValueType, bool IsReferenceType, HandleReturn Returns, bool TakesToken, bool HasKey);
