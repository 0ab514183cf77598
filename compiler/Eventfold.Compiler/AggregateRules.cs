using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Eventfold.Compiler;

/// <summary>
/// Whether the generator can implement an <c>[Aggregate]</c> type, and if not, every reason why.
/// The generator emits nothing for a type with a problem; the analyzers report each problem. One
/// list, read by both, so a type is never skipped in silence.
/// </summary>
internal static class AggregateRules
{
    /// <summary>The members the generator adds to every aggregate.</summary>
    public static readonly string[] GeneratedMembers = ["Id", "Version", "UncommittedEvents", "Raise"];

    public static List<Found<InputProblem>> Check(INamedTypeSymbol type, AttributeData attribute)
    {
        var problems = new List<Found<InputProblem>>();
        void Add(InputProblemKind kind, string message, ISymbol? at = null) =>
            problems.Add(new Found<InputProblem>(new InputProblem(kind, message), at ?? type));

        string name = type.Name;
        if (type.TypeKind != TypeKind.Class)
        {
            string what = type.IsRecord ? "a record struct" : type.TypeKind.ToString().ToLowerInvariant();
            Add(InputProblemKind.AggregateIsNotAClass, $"Aggregate '{name}' is {what}; an aggregate is a class (or record class) whose state its Apply methods change");
            return problems;
        }

        if (type.IsStatic)
        {
            Add(InputProblemKind.AggregateIsStatic, $"Aggregate '{name}' is static; the repository creates instances of it, so remove 'static'");
        }
        else if (type.IsAbstract)
        {
            Add(InputProblemKind.AggregateIsAbstract, $"Aggregate '{name}' is abstract; the repository creates instances of it, so remove 'abstract' (put shared behaviour in a base class without [Aggregate])");
        }

        if (type.TypeParameters.Length > 0)
        {
            Add(InputProblemKind.AggregateIsGeneric, $"Aggregate '{name}' is generic; one stream category needs one concrete type, so remove its type parameters");
        }
        else if (GenericContainer(type) is { } outer)
        {
            Add(InputProblemKind.AggregateIsNestedInGeneric, $"Aggregate '{name}' is nested in the generic type '{outer.Name}'; declare it outside '{outer.Name}'");
        }

        if (string.IsNullOrEmpty(attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as string : null))
        {
            Add(InputProblemKind.AggregateCategoryEmpty, $"[Aggregate] on '{name}' has no category; give the stream category, e.g. [Aggregate(\"order\")]");
        }

        if (type.IsStatic)
        {
            return problems; // a static class has no constructors or instance members to speak of
        }

        // Create(id) is generated inside the class as 'new T { Id = id }', so a private constructor will do.
        if (!type.InstanceConstructors.Any(c => c.Parameters.All(p => p.IsOptional || p.IsParams)))
        {
            Add(InputProblemKind.AggregateHasNoParameterlessConstructor, $"Aggregate '{name}' has no parameterless constructor; the repository creates it before replaying its events, so add one (it may be private)");
        }

        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true })
                {
                    Add(
                        InputProblemKind.AggregateHasRequiredMember,
                        $"Aggregate '{name}' has the required member '{member.Name}'; the repository creates aggregates without initialisers (their state comes from events), so remove 'required'",
                        SymbolEqualityComparer.Default.Equals(current, type) ? member : type);
                }
            }
        }

        foreach (var generated in GeneratedMembers)
        {
            var own = type.GetMembers(generated).FirstOrDefault(m => !m.IsImplicitlyDeclared && !IsGeneratedByEventfold(m));
            if (own is not null)
            {
                Add(InputProblemKind.AggregateDeclaresGeneratedMember, $"Aggregate '{name}' declares '{generated}', which the generator adds to every aggregate; rename or remove it", own);
                continue;
            }

            var inherited = Inherited(type, generated);
            if (inherited is not null)
            {
                Add(InputProblemKind.AggregateInheritsGeneratedMember, $"Aggregate '{name}' inherits '{generated}' from '{inherited.ContainingType.Name}', which the generated '{generated}' would hide; rename it in '{inherited.ContainingType.Name}'");
            }
        }

        return problems;
    }

    /// <summary>
    /// Whether the member is one the aggregate generator wrote: analyzers see the generated part too,
    /// the generator (which checks before it writes) does not. The generated part is the one that
    /// declares <c>IEventSourced&lt;TSelf&gt;</c> with its global:: name.
    /// </summary>
    public static bool IsGeneratedByEventfold(ISymbol member) =>
        member.DeclaringSyntaxReferences.Length > 0
        && member.DeclaringSyntaxReferences.All(reference =>
            reference.GetSyntax().FirstAncestorOrSelf<TypeDeclarationSyntax>() is { BaseList: { } bases }
            && bases.Types.Any(t => t.Type.ToString().StartsWith(GeneratedContract, StringComparison.Ordinal)));

    private const string GeneratedContract = "global::Eventfold.IEventSourced<";

    private static INamedTypeSymbol? GenericContainer(INamedTypeSymbol type)
    {
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (outer.TypeParameters.Length > 0)
            {
                return outer;
            }
        }

        return null;
    }

    /// <summary>A member of a base class with that name that the aggregate can see (private ones cannot clash).</summary>
    private static ISymbol? Inherited(INamedTypeSymbol type, string memberName)
    {
        for (var b = type.BaseType; b is not null && b.SpecialType != SpecialType.System_Object; b = b.BaseType)
        {
            var member = b.GetMembers(memberName).FirstOrDefault(m => m.DeclaredAccessibility != Accessibility.Private && !m.IsImplicitlyDeclared);
            if (member is not null)
            {
                return member;
            }
        }

        return null;
    }
}
