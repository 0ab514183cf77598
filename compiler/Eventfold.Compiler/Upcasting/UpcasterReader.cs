using Microsoft.CodeAnalysis;

namespace Eventfold.Compiler;

/// <summary>
/// Reads an <c>[Upcaster]</c> method into an <see cref="UpcasterStep"/>, for the generator (which composes
/// the chains from the steps) and the analyzers (which check the steps against each other: EVF005, EVF040
/// to EVF042). A method generated code cannot call, or whose types are no registrable events, is no step
/// (null): EVF008 and EVF015 report those.
/// </summary>
internal static class UpcasterReader
{
    public const string JsonObject = "System.Text.Json.Nodes.JsonObject";

    /// <remarks>
    /// With <paramref name="compilation"/> (the registry generator's, which lacks other generators' output), a
    /// parameter or return type naming a not yet generated <c>{Aggregate}State</c> record is read through
    /// <see cref="PublishedStateTypes"/>; the analyzers see the record itself and pass none.
    /// </remarks>
    public static UpcasterStep? Read(IMethodSymbol method, AttributeData attribute, Compilation? compilation = null)
    {
        if (!method.IsStatic
            || method.IsGenericMethod
            || method.Parameters.Length != 1
            || method.Parameters[0].RefKind != RefKind.None
            || method.ReturnsVoid
            || method.ReturnsByRef
            || method.ReturnsByRefReadonly
            || !IsAccessibleInAssembly(method)
            || method.ContainingType is not { } owner
            || IsOrIsNestedInGeneric(owner))
        {
            return null;
        }

        string call = CompilerNames.FullyQualified(owner) + "." + CompilerNames.Identifier(method.Name);
        string display = owner.Name + "." + method.Name;
        var from = method.Parameters[0].Type;
        var to = method.ReturnType;

        if (IsJsonObject(from) && IsJsonObject(to))
        {
            string? name = attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as string : null;
            int fromVersion = FromVersion(attribute);
            return string.IsNullOrEmpty(name) || fromVersion < 1
                ? null
                : new UpcasterStep(UpcasterKind.Json, name!, fromVersion, name!, fromVersion + 1, "", "", call, display);
        }

        if (!TryReadSide(from, compilation, out var fromName, out int fromEventVersion, out var fromType)
            || !TryReadSide(to, compilation, out var toName, out int toEventVersion, out var toType))
        {
            return null;
        }

        return new UpcasterStep(UpcasterKind.Typed, fromName, fromEventVersion, toName, toEventVersion, fromType, toType, call, display);
    }

    /// <summary>One side of a typed upcaster: an <c>[Event]</c> type, or the published state another generator writes.</summary>
    private static bool TryReadSide(ITypeSymbol type, Compilation? compilation, out string name, out int version, out string fullName)
    {
        fullName = "";
        if (type is IErrorTypeSymbol && compilation is not null)
        {
            return PublishedStateTypes.TryResolve(type, compilation, out name, out version, out fullName);
        }

        if (type is not INamedTypeSymbol named || !TryReadEvent(named, out name, out version))
        {
            name = "";
            version = 0;
            return false;
        }

        fullName = CompilerNames.FullyQualified(named);
        return true;
    }

    /// <summary>Reads an event through <see cref="EventRules"/>: one with a problem the registration cannot name (EVF015, EVF016).</summary>
    public static bool TryReadEvent(INamedTypeSymbol type, out string name, out int version)
    {
        name = "";
        version = 0;
        var attribute = EventAttributeOf(type);
        if (attribute is null || EventRules.Check(type, attribute).Count > 0)
        {
            return false;
        }

        name = EventRules.StoredName(type, attribute);
        version = EventRules.StoredVersion(attribute);
        return true;
    }

    private static AttributeData? EventAttributeOf(INamedTypeSymbol type)
    {
        foreach (var attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "EventAttribute", ContainingType: null } c
                && c.ContainingNamespace is { Name: "Eventfold", ContainingNamespace.IsGlobalNamespace: true })
            {
                return attribute;
            }
        }

        return null;
    }

    private static int FromVersion(AttributeData attribute)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == "FromVersion" && pair.Value.Value is int version)
            {
                return version;
            }
        }

        return 0;
    }

    private static bool IsJsonObject(ITypeSymbol type) =>
        type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString() == JsonObject;

    /// <summary>True when generated code anywhere in the same assembly can name the method.</summary>
    private static bool IsAccessibleInAssembly(ISymbol symbol)
    {
        for (ISymbol? current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
        {
            if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal)
                || current is INamedTypeSymbol { IsFileLocal: true })
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsOrIsNestedInGeneric(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.TypeParameters.Length > 0)
            {
                return true;
            }
        }

        return false;
    }
}
