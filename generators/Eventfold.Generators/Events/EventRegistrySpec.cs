namespace Eventfold.Generators.Events;

/// <summary>One <c>[Event]</c> type: its fully qualified name, stored name and schema version.</summary>
internal sealed record EventSpec(string TypeName, string Name, int Version);

internal enum UpcasterKind
{
    Typed,
    Json,
}

/// <summary>
/// One <c>[Upcaster]</c> method. <see cref="FromType"/> and <see cref="ToType"/> are the fully
/// qualified event types of a typed upcaster and empty for a JSON one.
/// </summary>
internal sealed record UpcasterSpec(UpcasterKind Kind, string Name, int FromVersion, string FromType, string ToType, string Method);

/// <summary>Everything the registration file of one assembly needs.</summary>
internal sealed record RegistrySpec(string ClassName, EquatableArray<EventSpec> Events, EquatableArray<UpcasterSpec> Upcasters);
