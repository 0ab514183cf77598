using System.Linq;
using Microsoft.CodeAnalysis;

namespace Eventfold.Analyzers.Common;

/// <summary>
/// The method shapes of handler families that have no generator yet (saga steps, upcasters). Each check
/// returns null when the method fits, or what it should be. Apply, On and Handle methods are read by the
/// shared readers in Eventfold.Compiler, which the generators use too; these move there as their
/// generators arrive.
/// </summary>
internal sealed class HandlerShapes(EventfoldTypes types)
{
    public const string ApplyRole = "an aggregate Apply method";
    public const string OnRole = "a projection On method";
    public const string HandleRole = "a dispatcher Handle method";
    public const string StepRole = "a saga step";
    public const string UpcasterRole = "an upcaster";

    /// <param name="method">The [Step] method.</param>
    /// <param name="state">The saga's state type, taken from its first step; null when that step does not name one.</param>
    public string? CheckStep(IMethodSymbol method, ITypeSymbol? state)
    {
        var returnsStateTask = method.ReturnType is INamedTypeSymbol { IsGenericType: true } generic
            && Is(generic.OriginalDefinition, types.TaskOfT)
            && state is not null
            && SymbolEqualityComparer.Default.Equals(generic.TypeArguments[0], state);
        var fits = state is not null
            && !method.IsGenericMethod
            && (Is(method.ReturnType, types.Task) || returnsStateTask)
            && method.Parameters.Length == 2
            && method.Parameters.All(p => p.RefKind == RefKind.None)
            && SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, state)
            && Is(method.Parameters[1].Type, types.CancellationToken);
        var stateName = state is null ? "TState" : state.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        return fits
            ? null
            : $"expected 'Task {method.Name}({stateName} state, CancellationToken ct)' or 'Task<{stateName}> {method.Name}({stateName} state, CancellationToken ct)', with the state type of the saga's first step";
    }

    public static string? CheckUpcaster(IMethodSymbol method) =>
        method.IsStatic
        && !method.ReturnsVoid
        && !method.IsGenericMethod
        && method.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal
        && method.Parameters.Length == 1
        && method.Parameters[0].RefKind == RefKind.None
            ? null
            : "expected a public or internal static method that takes the older version and returns the next one, 'static TNext M(TOld e)'";

    /// <summary>
    /// A saga's state is the first parameter type of its lowest-ordered step, when that is a class or
    /// struct other than <c>CancellationToken</c>.
    /// </summary>
    public ITypeSymbol? StateOfFirstStep(IMethodSymbol? firstStep) =>
        firstStep is { Parameters.Length: > 0 }
        && firstStep.Parameters[0].Type.IsConcreteMessageType()
        && !Is(firstStep.Parameters[0].Type, types.CancellationToken)
            ? firstStep.Parameters[0].Type
            : null;

    private static bool Is(ITypeSymbol type, INamedTypeSymbol? expected) =>
        expected is not null && SymbolEqualityComparer.Default.Equals(type, expected);
}
