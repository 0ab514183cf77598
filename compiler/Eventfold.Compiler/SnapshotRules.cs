using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Eventfold.Compiler;

/// <summary>Why a snapshotted aggregate gets no snapshot code: its two diagnostics.</summary>
internal enum SnapshotProblemKind
{
    /// <summary>EVF043: state the generated restore cannot put back (a readonly field, a get-only or init-only property, a base class's field).</summary>
    CannotRestore,

    /// <summary>EVF044: a member whose value System.Text.Json does not read back as it wrote it.</summary>
    NotRoundTripped,
}

/// <summary>One reason, worded to follow "no snapshots:" in the generated file and in the diagnostic.</summary>
internal sealed record SnapshotProblem(SnapshotProblemKind Kind, string Reason);

/// <summary>
/// One captured member: its source name, its type, and for a collection that cannot be assigned, the
/// element type the restore refills it through.
/// </summary>
internal sealed record SnapshotMember(string Name, ITypeSymbol Type, ITypeSymbol? RefillElement);

/// <summary>
/// What a snapshot of an <c>[Aggregate]</c> with <c>SnapshotEvery</c> captures, read by the generator (which
/// writes the capture and restore from it) and by the analyzers (EVF043, EVF044). Every instance field
/// the aggregate declares is captured, auto-property backing fields by the property's name. A member is
/// restored through itself: a settable field or property is assigned; a readonly field or get-only
/// property of a collection type is cleared and refilled. Any problem means no snapshot code at all:
/// a snapshot that restored part of the state, or a value other than the one written, would give a load
/// that differs from a replay, in silence.
/// </summary>
internal static class SnapshotRules
{
    public static (List<SnapshotMember> Members, List<Found<SnapshotProblem>> Problems) Read(INamedTypeSymbol aggregate, CancellationToken ct)
    {
        var members = new List<SnapshotMember>();
        var problems = new List<Found<SnapshotProblem>>();
        void Add(SnapshotProblemKind kind, string reason, ISymbol at) =>
            problems.Add(new Found<SnapshotProblem>(new SnapshotProblem(kind, reason), at));

        foreach (var field in aggregate.GetMembers().OfType<IFieldSymbol>())
        {
            ct.ThrowIfCancellationRequested();
            if (field.IsStatic || field.IsConst || field.Name.StartsWith("__eventfold", System.StringComparison.Ordinal))
            {
                continue;
            }

            var property = field.AssociatedSymbol as IPropertySymbol;
            ISymbol member = (ISymbol?)property ?? field;
            if (AggregateRules.IsGeneratedByEventfold(member))
            {
                continue; // Id and Version: the repository sets them
            }

            string name = member.Name;
            string typeName = CompilerNames.Display(field.Type);
            bool settable = property is null ? !field.IsReadOnly : property.SetMethod is { IsInitOnly: false };
            var element = settable || field.Type.TypeKind == TypeKind.Array ? null : CollectionElement(field.Type);
            if (!settable && element is null)
            {
                string what = property is null ? "readonly field" : property.SetMethod is null ? "get-only property" : "init-only property";
                string fix = property is null ? "remove 'readonly'" : property.SetMethod is null ? "add 'private set;'" : "make 'init' a 'private set'";
                Add(SnapshotProblemKind.CannotRestore, $"{what} '{name}' of type {typeName} cannot be restored: {fix}, or make it a collection", member);
                continue;
            }

            if (JsonRoundTrip.Loss(field.Type) is { } loss)
            {
                Add(SnapshotProblemKind.NotRoundTripped, $"member '{name}{loss.Path}' {loss.Why}", member);
                continue;
            }

            members.Add(new SnapshotMember(name, field.Type, element));
        }

        // Generated code in the aggregate cannot reach a base class's private fields, so their state would
        // come back as it was after construction.
        for (var b = aggregate.BaseType; b is not null && b.SpecialType != SpecialType.System_Object; b = b.BaseType)
        {
            foreach (var field in b.GetMembers().OfType<IFieldSymbol>().Where(f => !f.IsStatic && !f.IsConst))
            {
                string name = (field.AssociatedSymbol ?? field).Name;
                Add(SnapshotProblemKind.CannotRestore, $"field '{name}' of the base class '{b.Name}' cannot be captured: a snapshot holds the aggregate's own members only, so move that state into '{aggregate.Name}'", aggregate);
            }
        }

        members.Sort((x, y) => string.CompareOrdinal(x.Name, y.Name));
        return (members, problems);
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
}
