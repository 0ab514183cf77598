using Microsoft.CodeAnalysis;

namespace Eventfold.Generators;

/// <summary>
/// How an integer dispatch can key a handled event type (see <see cref="IntegerDispatch"/>): an
/// interface or abstract class is never an event's runtime type, so it stays in the type switch only;
/// a value type is unboxed, every other type reinterpreted without a check.
/// </summary>
internal enum EventTypeKey
{
    None,
    Reference,
    Value,
}

internal static class EventTypeKeys
{
    public static EventTypeKey Of(ITypeSymbol type) =>
        type.TypeKind == TypeKind.Interface || type.IsAbstract && type.TypeKind == TypeKind.Class
            ? EventTypeKey.None
            : type.IsValueType ? EventTypeKey.Value : EventTypeKey.Reference;
}
