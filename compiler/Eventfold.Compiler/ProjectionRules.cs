using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Eventfold.Compiler;

/// <summary>
/// Whether the generator can implement <c>IProjection</c> on a <c>[Projection]</c> type, and if not,
/// every reason why. The generator emits nothing for such a type; the analyzers report each problem (EVF030,
/// and EVF031 for a <c>ParallelStreams</c> below 1).
/// </summary>
internal static class ProjectionRules
{
    /// <summary>The attribute's <c>ParallelStreams</c>, or 1 when it is not given (the attribute's default).</summary>
    public static int ParallelStreams(AttributeData attribute)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == "ParallelStreams" && pair.Value.Value is int value)
            {
                return value;
            }
        }

        return 1;
    }

    public static List<Found<InputProblem>> Check(INamedTypeSymbol type, AttributeData attribute)
    {
        var problems = new List<Found<InputProblem>>();
        void Add(InputProblemKind kind, string message) => problems.Add(new Found<InputProblem>(new InputProblem(kind, message), type));

        string name = type.Name;
        if (type.TypeKind != TypeKind.Class)
        {
            string what = type.IsRecord ? "a record struct" : type.TypeKind.ToString().ToLowerInvariant();
            Add(InputProblemKind.ProjectionIsNotAClass, $"Projection '{name}' is {what}; a projection is a class whose On methods change its read model");
            return problems;
        }

        if (type.IsStatic)
        {
            Add(InputProblemKind.ProjectionIsStatic, $"Projection '{name}' is static; a runner is given an instance of it, so remove 'static'");
        }
        else if (type.IsAbstract)
        {
            Add(InputProblemKind.ProjectionIsAbstract, $"Projection '{name}' is abstract; a runner is given an instance of it, so remove 'abstract' (put shared code in a base class without [Projection])");
        }

        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.TypeParameters.Length > 0)
            {
                Add(InputProblemKind.ProjectionIsGeneric, SymbolEqualityComparer.Default.Equals(current, type)
                    ? $"Projection '{name}' is generic; one checkpoint name needs one concrete type, so remove its type parameters"
                    : $"Projection '{name}' is nested in the generic type '{current.Name}'; declare it outside '{current.Name}'");
                break;
            }
        }

        if (string.IsNullOrEmpty(attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as string : null))
        {
            Add(InputProblemKind.ProjectionNameEmpty, $"[Projection] on '{name}' has no name; its checkpoint is kept under that name, e.g. [Projection(\"order-totals\")]");
        }

        if (ParallelStreams(attribute) is var parallel and < 1)
        {
            Add(InputProblemKind.ProjectionParallelStreamsBelowOne, $"[Projection] on '{name}' has ParallelStreams = {parallel}; a runner handles at least one stream at a time, so give 1 (strictly in order) or more");
        }

        return problems;
    }
}
