using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Eventfold.Compiler;

/// <summary>
/// Reads the <c>Apply</c> methods of an <c>[Aggregate]</c> class, its own and those of its base
/// classes, into <see cref="HandlerCandidate"/> values. The generator calls exactly the accepted
/// ones; the analyzers report exactly the rejected ones (EVF008) and count exactly the accepted ones
/// (EVF003). Base-class methods are called when the aggregate can reach them: a user who writes a
/// protected <c>Apply</c> in a shared base class expects it to run.
/// </summary>
internal static class ApplyHandlerReader
{
    public const string MethodName = "Apply";

    private const string Shape = "'void Apply(TEvent e)'";

    /// <summary>Every candidate, the aggregate's own methods first, then each base class's, in declaration order.</summary>
    public static List<Found<HandlerCandidate>> Read(INamedTypeSymbol aggregate, CancellationToken ct = default)
    {
        var result = new List<Found<HandlerCandidate>>();
        var overridden = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        var hiding = new List<IMethodSymbol>(); // methods of more derived classes, as C# overload resolution sees them
        for (var type = aggregate; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
        {
            ct.ThrowIfCancellationRequested();
            bool inBase = !SymbolEqualityComparer.Default.Equals(type, aggregate);
            var declared = type.GetMembers(MethodName).OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary).ToList();
            foreach (var method in declared)
            {
                // An override stands for the method it overrides; a method an overload in a more derived
                // class hides by signature is not reachable at all, as in C#.
                if (overridden.Contains(method) || (inBase && IsHiddenBySignature(method, hiding)))
                {
                    continue;
                }

                for (var original = method.OverriddenMethod; original is not null; original = original.OverriddenMethod)
                {
                    overridden.Add(original.OriginalDefinition);
                }

                result.Add(new Found<HandlerCandidate>(Classify(method, aggregate, inBase, hiding), method));
            }

            hiding.AddRange(declared.Where(m => !m.IsOverride));
        }

        return result;
    }

    /// <summary>
    /// The accepted candidates in the order of the generated switch: none after a type it derives
    /// from (a base case would swallow it), ties broken by name so output is deterministic.
    /// </summary>
    public static List<HandlerCandidate> DispatchOrder(IEnumerable<Found<HandlerCandidate>> candidates)
    {
        var remaining = candidates
            .Where(c => c.Value.IsAccepted)
            .GroupBy(c => c.Value.EventType, StringComparer.Ordinal)
            .Select(g => (Candidate: g.First().Value, Type: ((IMethodSymbol)g.First().Symbol).Parameters[0].Type))
            .OrderBy(c => c.Candidate.EventType, StringComparer.Ordinal)
            .ToList();
        var ordered = new List<HandlerCandidate>();
        while (remaining.Count > 0)
        {
            int pick = remaining.FindIndex(c => !remaining.Any(other => !ReferenceEquals(other.Candidate, c.Candidate) && ConvertsTo(other.Type, c.Type)));
            if (pick < 0)
            {
                pick = 0;
            }

            ordered.Add(remaining[pick].Candidate);
            remaining.RemoveAt(pick);
        }

        return ordered;
    }

    /// <summary>
    /// The accepted candidate the generated switch runs for an event of type <paramref name="raised"/>,
    /// or null when no case matches it (the event then only moves the version).
    /// </summary>
    public static HandlerCandidate? Handling(ITypeSymbol raised, IEnumerable<Found<HandlerCandidate>> candidates)
    {
        var matching = new HashSet<string>(StringComparer.Ordinal) { CompilerNames.FullyQualified(raised) };
        for (var b = raised.BaseType; b is not null; b = b.BaseType)
        {
            matching.Add(CompilerNames.FullyQualified(b));
        }

        foreach (var i in raised.AllInterfaces)
        {
            matching.Add(CompilerNames.FullyQualified(i));
        }

        return DispatchOrder(candidates).FirstOrDefault(c => matching.Contains(c.EventType));
    }

    private static HandlerCandidate Classify(IMethodSymbol method, INamedTypeSymbol aggregate, bool inBase, List<IMethodSymbol> hiding)
    {
        var parameter = method.Parameters.Length > 0 ? method.Parameters[0] : null;
        string eventType = parameter is not null && CanBeMatched(parameter.Type) ? CompilerNames.FullyQualified(parameter.Type) : "";
        HandlerCandidate Make(HandlerRejection rejection, string reason) => new(
            HandlerKind.Apply,
            method.Name,
            method.ContainingType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
            inBase,
            rejection == HandlerRejection.None ? eventType : (parameter is null ? "" : CompilerNames.FullyQualified(parameter.Type)),
            rejection,
            reason);

        if (method.IsStatic)
        {
            return Make(HandlerRejection.Static, $"it is static; an Apply method changes the aggregate's state, so it is an instance method, {Shape}");
        }

        if (method.IsGenericMethod)
        {
            return Make(HandlerRejection.Generic, $"it is generic; declare one {Shape} per event type");
        }

        if (!method.ReturnsVoid)
        {
            return Make(HandlerRejection.ReturnsValue, $"it returns '{CompilerNames.Display(method.ReturnType)}'; an Apply method returns void, {Shape}");
        }

        if (method.IsAsync)
        {
            return Make(HandlerRejection.Async, $"it is async; an Apply method must have changed the state when Raise returns, {Shape}");
        }

        if (parameter is null)
        {
            return Make(HandlerRejection.NoParameter, $"it takes no parameter; an Apply method takes the event, {Shape}");
        }

        if (method.Parameters.Length > 1)
        {
            return Make(HandlerRejection.ExtraParameters, $"it takes {method.Parameters.Length} parameters; an Apply method takes only the event, {Shape}");
        }

        if (parameter.RefKind is not (RefKind.None or RefKind.In))
        {
            string modifier = parameter.RefKind switch
            {
                RefKind.Ref => "ref",
                RefKind.Out => "out",
                _ => "ref readonly",
            };
            return Make(HandlerRejection.ByReference, $"its parameter is '{modifier}'; take the event by value or 'in', {Shape}");
        }

        if (parameter.Type.SpecialType == SpecialType.System_Object || parameter.Type.TypeKind == TypeKind.Dynamic)
        {
            return Make(HandlerRejection.CatchesEveryEvent, $"it takes '{CompilerNames.Display(parameter.Type)}', which would catch every event; take one event type, or a base class or interface of the events it handles");
        }

        if (!CanBeMatched(parameter.Type))
        {
            return Make(HandlerRejection.CannotBeMatched, $"its parameter type '{CompilerNames.Display(parameter.Type)}' cannot be matched against a raised event (a nullable value type, type parameter, pointer or ref struct); take an event class, struct, record or interface");
        }

        if (inBase && !IsReachableFrom(method, aggregate))
        {
            string where = method.DeclaredAccessibility == Accessibility.Private
                ? $"private to the base class '{method.ContainingType.Name}'"
                : $"internal to the assembly '{method.ContainingAssembly.Name}' of the base class '{method.ContainingType.Name}'";
            return Make(HandlerRejection.PrivateInBaseClass, $"it is {where}, so '{aggregate.Name}' cannot call it; make it protected");
        }

        if (inBase && hiding.FirstOrDefault(h => TakesOne(h, parameter.Type)) is { } winner)
        {
            return Make(
                HandlerRejection.HiddenByDerivedOverload,
                $"C# resolves 'Apply({CompilerNames.Display(parameter.Type)})' in '{aggregate.Name}' to '{winner.ContainingType.Name}.Apply({CompilerNames.Display(winner.Parameters[0].Type)})', declared in a more derived class, so this method would never run; move it into '{winner.ContainingType.Name}'");
        }

        return Make(HandlerRejection.None, "");
    }

    /// <summary>Whether a type pattern "case T e:" can test an event (as object) against the type.</summary>
    private static bool CanBeMatched(ITypeSymbol type) =>
        type.TypeKind is TypeKind.Class or TypeKind.Struct or TypeKind.Interface or TypeKind.Array or TypeKind.Enum or TypeKind.Delegate
        && !type.IsRefLikeType
        && type.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T;

    private static bool IsReachableFrom(IMethodSymbol method, INamedTypeSymbol aggregate) =>
        method.DeclaredAccessibility switch
        {
            Accessibility.Private => false,
            Accessibility.Internal or Accessibility.ProtectedAndInternal =>
                SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, aggregate.ContainingAssembly),
            _ => true,
        };

    /// <summary>Whether C# would pick <paramref name="candidate"/> for a call <c>Apply(e)</c> with an argument of <paramref name="argument"/>.</summary>
    private static bool TakesOne(IMethodSymbol candidate, ITypeSymbol argument) =>
        !candidate.IsGenericMethod
        && candidate.Parameters.Length >= 1
        && candidate.Parameters.Skip(1).All(p => p.IsOptional || p.IsParams)
        && candidate.Parameters[0].RefKind is RefKind.None or RefKind.In
        && ConvertsTo(argument, candidate.Parameters[0].Type);

    private static bool IsHiddenBySignature(IMethodSymbol method, List<IMethodSymbol> moreDerived) =>
        moreDerived.Any(d => d.Parameters.Length == method.Parameters.Length
            && d.TypeParameters.Length == method.TypeParameters.Length
            && d.Parameters.Zip(method.Parameters, (a, b) => SymbolEqualityComparer.Default.Equals(a.Type, b.Type)).All(same => same));

    /// <summary>Identity, a base class, an implemented interface, or object.</summary>
    private static bool ConvertsTo(ITypeSymbol from, ITypeSymbol to)
    {
        if (SymbolEqualityComparer.Default.Equals(from, to) || to.SpecialType == SpecialType.System_Object)
        {
            return true;
        }

        for (var b = from.BaseType; b is not null; b = b.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(b, to))
            {
                return true;
            }
        }

        return from.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, to));
    }
}
