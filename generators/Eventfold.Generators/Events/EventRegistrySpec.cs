using Eventfold.Compiler;

namespace Eventfold.Generators.Events;

/// <summary>One <c>[Event]</c> type: its fully qualified name, stored name and schema version.</summary>
internal sealed record EventSpec(string TypeName, string Name, int Version);

/// <summary>
/// The generated method that reads one stored version as the latest version of its name: the links of
/// its <see cref="UpcastChainPlan"/>, as values.
/// </summary>
internal sealed record ChainSpec(string Name, int FromVersion, int ToVersion, string MethodName, EquatableArray<ChainLink> Links, string Result, string Summary);

/// <summary>
/// Everything the registration file of one assembly needs: the events, the composed chains, and the
/// upcasters no chain starts with (<see cref="Unchained"/>), which the serializer walks at run time.
/// </summary>
internal sealed record RegistrySpec(string ClassName, EquatableArray<EventSpec> Events, EquatableArray<ChainSpec> Chains, EquatableArray<UpcasterStep> Unchained);
