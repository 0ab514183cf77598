using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Eventfold.Compiler;

/// <summary>
/// Whether the generated registration can register an <c>[Event]</c> type, and if not, why. The
/// generator leaves such a type out; the analyzers report each problem.
/// </summary>
internal static class EventRules
{
    /// <summary>The stored name: the attribute's first argument, or the type's name when it is absent or null.</summary>
    public static string StoredName(INamedTypeSymbol type, AttributeData attribute) =>
        attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is string name ? name : type.Name;

    /// <summary>The schema version: the attribute's Version, 1 when not given.</summary>
    public static int StoredVersion(AttributeData attribute)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == "Version" && pair.Value.Value is int version)
            {
                return version;
            }
        }

        return 1;
    }

    public static List<Found<InputProblem>> Check(INamedTypeSymbol type, AttributeData attribute)
    {
        var problems = new List<Found<InputProblem>>();
        void Add(InputProblemKind kind, string message) => problems.Add(new Found<InputProblem>(new InputProblem(kind, message), type));

        string name = type.Name;
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.TypeParameters.Length > 0)
            {
                Add(
                    InputProblemKind.EventIsGeneric,
                    SymbolEqualityComparer.Default.Equals(current, type)
                        ? $"Event '{name}' is generic; a stored name must stand for one concrete type, so remove its type parameters"
                        : $"Event '{name}' is nested in the generic type '{current.Name}'; declare it outside '{current.Name}'");
                break;
            }
        }

        if (type.IsStatic)
        {
            Add(InputProblemKind.EventIsStatic, $"Event '{name}' is a static class; an event is a type with instances, so remove 'static'");
        }

        for (ISymbol? current = type; current is INamedTypeSymbol named; current = current.ContainingSymbol)
        {
            if (named.IsFileLocal)
            {
                Add(InputProblemKind.EventIsFileLocal, SymbolEqualityComparer.Default.Equals(named, type)
                    ? $"Event '{name}' is file-local; the generated registration in another file cannot name it, so remove 'file'"
                    : $"Event '{name}' is nested in the file-local type '{named.Name}', which the generated registration cannot name");
                break;
            }

            if (named.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal or Accessibility.NotApplicable))
            {
                string access = named.DeclaredAccessibility switch
                {
                    Accessibility.Private => "private",
                    Accessibility.Protected => "protected",
                    _ => "private protected",
                };
                Add(InputProblemKind.EventIsNotAccessible, SymbolEqualityComparer.Default.Equals(named, type)
                    ? $"Event '{name}' is {access}; the generated registration must name it, so make it internal or public"
                    : $"Event '{name}' is nested in the {access} type '{named.Name}', which the generated registration cannot name; make '{named.Name}' internal or public");
                break;
            }
        }

        if (attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is "")
        {
            Add(InputProblemKind.EventNameEmpty, $"[Event] on '{name}' has an empty name; give a stored name or omit it to use '{name}'");
        }

        int version = StoredVersion(attribute);
        if (version < 1)
        {
            Add(InputProblemKind.EventVersionNotPositive, $"[Event] on '{name}' has Version = {version}; schema versions count from 1");
        }

        return problems;
    }
}
