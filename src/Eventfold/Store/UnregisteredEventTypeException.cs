namespace Eventfold;

/// <summary>An attempt to store an object whose type is not a registered <see cref="EventAttribute"/> type.</summary>
public sealed class UnregisteredEventTypeException(Type type)
    : Exception($"Type '{type.FullName}' is not a registered event: mark it [Event] (the generator then registers it), or register it with EventRegistry.Register.")
{
    public Type Type { get; } = type;
}
