using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Eventfold.Compiler;

/// <summary>
/// EVF027 and EVF029: what the generated members of a dispatcher need from the class around them. Its own
/// and inherited members must leave the generated names free, and every handled message type must be as
/// accessible as the generated public <c>EnqueueAsync</c>/<c>TryEnqueue</c> that take it.
/// </summary>
internal static class DispatcherMemberRules
{
    /// <summary>The members the generator adds to every dispatcher, in the order messages list them.</summary>
    public static readonly string[] GeneratedMembers = ["EnqueueAsync", "TryEnqueue", "Start", "StopAsync", "DisposeAsync", "Stats", "Configure"];

    /// <summary>The generator's private members all start with this (either case).</summary>
    public const string GeneratedPrefix = "__eventfold";

    // The generated partial lists these by their global names: the class IBoundedDispatcher, the nested
    // struct the engine calls IDispatchTarget<TSelf>. A member declared in such a declaration is the generator's.
    private static readonly string[] GeneratedContracts = ["global::Eventfold.IBoundedDispatcher", "global::Eventfold.IDispatchTarget<"];

    private static readonly string GeneratedList = string.Join(", ", GeneratedMembers.Take(GeneratedMembers.Length - 1)) + ", " + GeneratedMembers[GeneratedMembers.Length - 1] + " and names starting with __Eventfold";

    public static void CheckNames(INamedTypeSymbol type, Action<DispatcherProblemKind, string, ISymbol?> add)
    {
        string name = type.Name;
        foreach (var member in type.GetMembers())
        {
            if (!member.IsImplicitlyDeclared && IsGeneratedName(member.Name) && !IsGeneratedByEventfold(member))
            {
                add(DispatcherProblemKind.DeclaresGeneratedMember, $"Dispatcher '{name}' declares '{member.Name}', which the generator adds to every dispatcher ({GeneratedList}); rename or remove it", member);
            }
        }

        foreach (var generated in GeneratedMembers)
        {
            if (Inherited(type, generated) is { } inherited)
            {
                string from = inherited.ContainingType.Name;
                add(DispatcherProblemKind.InheritsGeneratedMember, $"Dispatcher '{name}' inherits '{generated}' from '{from}', which the generated '{generated}' would hide; rename it in '{from}' or do not derive from it", null);
            }
        }
    }

    public static void CheckAccessibility(INamedTypeSymbol type, IEnumerable<DispatchHandler> handlers, Action<DispatcherProblemKind, string, ISymbol?> add)
    {
        var dispatcher = Effective(type);
        foreach (var handler in handlers)
        {
            var message = Effective(handler.Message);
            if (Rank(message) < Rank(dispatcher))
            {
                string shown = CompilerNames.Display(handler.Message);
                add(
                    DispatcherProblemKind.MessageLessAccessible,
                    $"Dispatcher '{type.Name}' handles '{shown}', which is {Describe(message)} where '{type.Name}' is {Describe(dispatcher)}; the generated public EnqueueAsync and TryEnqueue could not take it, so make '{shown}' at least as accessible as '{type.Name}', or '{type.Name}' no more accessible than it",
                    handler.Method);
            }
        }
    }

    /// <summary>
    /// Whether the member is one the dispatcher generator wrote: analyzers see the generated part too, the
    /// generator (which checks before it writes) does not. The generated part is the one that declares
    /// <c>IDispatchTarget&lt;TSelf&gt;</c> with its global:: name.
    /// </summary>
    public static bool IsGeneratedByEventfold(ISymbol member) =>
        member.DeclaringSyntaxReferences.Length > 0
        && member.DeclaringSyntaxReferences.All(reference =>
            reference.GetSyntax().FirstAncestorOrSelf<TypeDeclarationSyntax>() is { BaseList: { } bases }
            && bases.Types.Any(t => GeneratedContracts.Any(contract => t.Type.ToString().StartsWith(contract, StringComparison.Ordinal))));

    private static bool IsGeneratedName(string name) =>
        Array.IndexOf(GeneratedMembers, name) >= 0 || name.StartsWith(GeneratedPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>A member of a base class with that name that the dispatcher can see (private ones cannot clash).</summary>
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

    /// <summary>
    /// Where a type can be named from: the narrowest of its own accessibility, its containing types' and
    /// (for a constructed or array type) its type arguments' and element type's.
    /// </summary>
    private static Accessibility Effective(ITypeSymbol type)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                return Effective(array.ElementType);
            case INamedTypeSymbol named:
                var narrowest = Accessibility.Public;
                for (INamedTypeSymbol? current = named; current is not null; current = current.ContainingType)
                {
                    narrowest = Narrower(narrowest, current.DeclaredAccessibility);
                }

                foreach (var argument in named.TypeArguments)
                {
                    narrowest = Narrower(narrowest, Effective(argument));
                }

                return narrowest;
            default:
                return Accessibility.Public;
        }
    }

    private static Accessibility Narrower(Accessibility a, Accessibility b)
    {
        if ((a, b) is (Accessibility.Protected, Accessibility.Internal) or (Accessibility.Internal, Accessibility.Protected))
        {
            return Accessibility.ProtectedAndInternal;
        }

        return Rank(a) <= Rank(b) ? a : b;
    }

    // Protected and internal are not ordered against each other; both sit between private protected and protected internal.
    private static int Rank(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Public or Accessibility.NotApplicable => 5,
        Accessibility.ProtectedOrInternal => 4,
        Accessibility.Protected or Accessibility.Internal => 3,
        Accessibility.ProtectedAndInternal => 2,
        _ => 1,
    };

    private static string Describe(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Public => "public",
        Accessibility.ProtectedOrInternal => "protected internal",
        Accessibility.Protected => "protected",
        Accessibility.Internal => "internal",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => "private",
    };
}
