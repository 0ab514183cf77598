using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Eventfold.Generators.Aggregates;

/// <summary>
/// Reads the state a snapshot captures: every instance field the user declared on the aggregate,
/// auto-property backing fields included (by the property's name). A member is restored through
/// itself: a settable field or property is assigned; a readonly field or get-only property of a
/// collection type is cleared and refilled. Any other member (a readonly non-collection field, an
/// init-only or get-only non-collection property, a delegate, pointer or ref struct) cannot be restored
/// from C# source, and the aggregate gets no snapshot support at all, with the reason in the spec.
/// </summary>
internal static class SnapshotStateReader
{
    /// <summary>Bumped when the generated JSON layout changes, so every older snapshot is ignored.</summary>
    private const string LayoutVersion = "1";

    public static SnapshotSpec Read(INamedTypeSymbol type, CancellationToken ct)
    {
        var members = new List<SnapshotMemberSpec>();
        foreach (var field in type.GetMembers().OfType<IFieldSymbol>())
        {
            ct.ThrowIfCancellationRequested();
            if (field.IsStatic || field.IsConst || field.Name.StartsWith("__eventfold"))
            {
                continue;
            }

            var property = field.AssociatedSymbol as IPropertySymbol;
            string name = property?.Name ?? field.Name;
            string typeName = field.Type.ToFullyQualifiedName();
            if (field.Type.TypeKind is TypeKind.Delegate or TypeKind.Pointer or TypeKind.FunctionPointer || field.Type.IsRefLikeType)
            {
                return SnapshotSpec.Unsupported($"member '{name}' of type {typeName} cannot be written as JSON");
            }

            bool settable = property is null
                ? !field.IsReadOnly
                : property.SetMethod is { IsInitOnly: false };
            if (settable)
            {
                members.Add(new SnapshotMemberSpec(name, typeName, ElementType: null));
                continue;
            }

            if (CollectionElement(field.Type) is { } element && field.Type.TypeKind != TypeKind.Array)
            {
                members.Add(new SnapshotMemberSpec(name, typeName, element.ToFullyQualifiedName()));
                continue;
            }

            string what = property is null ? "readonly field" : property.SetMethod is null ? "get-only property" : "init-only property";
            return SnapshotSpec.Unsupported($"{what} '{name}' of type {typeName} cannot be restored: make it settable (private set) or a collection");
        }

        members.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return new SnapshotSpec(Hash(members), members.ToEquatableArray(), UnsupportedReason: null);
    }

    /// <summary>The T of the <c>ICollection&lt;T&gt;</c> the type implements, which a refill adds through.</summary>
    private static ITypeSymbol? CollectionElement(ITypeSymbol type)
    {
        var interfaces = type.TypeKind == TypeKind.Interface && type is INamedTypeSymbol self
            ? self.AllInterfaces.Add(self)
            : type.AllInterfaces;
        return interfaces
            .FirstOrDefault(i => i.OriginalDefinition.ToDisplayString() == "System.Collections.Generic.ICollection<T>")
            ?.TypeArguments[0];
    }

    /// <summary>FNV-1a (64 bit) over the layout version and each member's name and type, in name order.</summary>
    private static string Hash(List<SnapshotMemberSpec> members)
    {
        var text = new StringBuilder(LayoutVersion);
        foreach (var member in members)
        {
            text.Append(';').Append(member.Name).Append(':').Append(member.Type).Append(member.ElementType is null ? "=" : "+=");
        }

        ulong hash = 14695981039346656037UL;
        foreach (byte b in Encoding.UTF8.GetBytes(text.ToString()))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash.ToString("x16");
    }
}
