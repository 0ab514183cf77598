using Microsoft.CodeAnalysis;

namespace Eventfold.Analyzers.Common;

/// <summary>
/// The roles EVF008 names, and the shape of upcasters, which have no generator of their own. Apply, On, Handle
/// and saga step methods are read by the shared readers in Eventfold.Compiler, which the generators use too.
/// </summary>
internal static class HandlerShapes
{
    public const string ApplyRole = "an aggregate Apply method";
    public const string OnRole = "a projection On method";
    public const string HandleRole = "a dispatcher Handle method";
    public const string StepRole = "a saga step";
    public const string UpcasterRole = "an upcaster";

    public static string? CheckUpcaster(IMethodSymbol method) =>
        method.IsStatic
        && !method.ReturnsVoid
        && !method.IsGenericMethod
        && method.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal
        && method.Parameters.Length == 1
        && method.Parameters[0].RefKind == RefKind.None
            ? null
            : "expected a public or internal static method that takes the older version and returns the next one, 'static TNext M(TOld e)'";
}
