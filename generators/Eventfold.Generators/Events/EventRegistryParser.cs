using System;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using Eventfold.Compiler;
using Microsoft.CodeAnalysis;

namespace Eventfold.Generators.Events;

/// <summary>
/// Reads <c>[Event]</c> types and <c>[Upcaster]</c> methods into specs. Anything the generated
/// registration could not call (inaccessible, generic, wrong shape) yields null: the analyzers
/// report it, the generator just leaves it out.
/// </summary>
internal static class EventRegistryParser
{
    public static EventSpec? ParseEvent(GeneratorAttributeSyntaxContext context, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (context.TargetSymbol is not INamedTypeSymbol type || context.Attributes.Length == 0)
        {
            return null;
        }

        return TryReadEvent(type, context.Attributes[0], out var name, out int version)
            ? new EventSpec(type.ToFullyQualifiedName(), name, version)
            : null;
    }

    public static UpcasterSpec? ParseUpcaster(GeneratorAttributeSyntaxContext context, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (context.TargetSymbol is not IMethodSymbol method
            || context.Attributes.Length == 0
            || !method.IsStatic
            || method.IsGenericMethod
            || method.Parameters.Length != 1
            || method.Parameters[0].RefKind != RefKind.None
            || method.ReturnsByRef
            || method.ReturnsByRefReadonly
            || !method.IsAccessibleInAssembly()
            || method.ContainingType is not { } owner
            || owner.IsOrIsNestedInGeneric())
        {
            return null;
        }

        string methodName = owner.ToFullyQualifiedName() + "." + CompilerNames.Identifier(method.Name);
        var from = method.Parameters[0].Type;
        var to = method.ReturnType;

        if (IsJsonObject(from) && IsJsonObject(to))
        {
            var attribute = context.Attributes[0];
            string? name = attribute.FirstStringArgument();
            int fromVersion = attribute.NamedInt("FromVersion", 0);
            return string.IsNullOrEmpty(name) || fromVersion < 1
                ? null
                : new UpcasterSpec(UpcasterKind.Json, name!, fromVersion, "", "", methodName);
        }

        if (from is not INamedTypeSymbol fromType || to is not INamedTypeSymbol toType
            || !TryReadEvent(fromType, fromType.FindAttribute(KnownNames.EventAttribute), out var fromName, out int fromEventVersion)
            || !TryReadEvent(toType, toType.FindAttribute(KnownNames.EventAttribute), out var toName, out _)
            || !string.Equals(fromName, toName, StringComparison.Ordinal))
        {
            return null;
        }

        return new UpcasterSpec(UpcasterKind.Typed, fromName, fromEventVersion, fromType.ToFullyQualifiedName(), toType.ToFullyQualifiedName(), methodName);
    }

    public static RegistrySpec? Combine(ImmutableArray<EventSpec> events, ImmutableArray<UpcasterSpec> upcasters, string assemblyName)
    {
        if (events.IsDefaultOrEmpty && upcasters.IsDefaultOrEmpty)
        {
            return null;
        }

        // Sorted so the output does not depend on file or declaration order.
        var sortedEvents = events
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .ThenBy(e => e.Version)
            .ThenBy(e => e.TypeName, StringComparer.Ordinal);
        var sortedUpcasters = upcasters
            .OrderBy(u => u.Kind)
            .ThenBy(u => u.Name, StringComparer.Ordinal)
            .ThenBy(u => u.FromVersion)
            .ThenBy(u => u.Method, StringComparer.Ordinal);
        return new RegistrySpec(ClassNameFor(assemblyName), sortedEvents.ToEquatableArray(), sortedUpcasters.ToEquatableArray());
    }

    /// <summary>Reads an event through the rules shared with the analyzers: an event with a problem is left out (EVF015, EVF016 say why).</summary>
    private static bool TryReadEvent(INamedTypeSymbol type, AttributeData? attribute, out string name, out int version)
    {
        name = "";
        version = 0;
        if (attribute is null || EventRules.Check(type, attribute).Count > 0)
        {
            return false;
        }

        name = EventRules.StoredName(type, attribute);
        version = EventRules.StoredVersion(attribute);
        return true;
    }

    private static bool IsJsonObject(ITypeSymbol type) => type.ToDisplayString() is KnownNames.JsonObject or KnownNames.JsonObject + "?";

    /// <summary>One class per assembly, so two assemblies that see each other's internals do not clash.</summary>
    private static string ClassNameFor(string assemblyName)
    {
        var builder = new StringBuilder("EventfoldEventRegistration_");
        foreach (char c in assemblyName)
        {
            builder.Append(char.IsLetterOrDigit(c) || c == '_' ? c : '_');
        }

        return builder.ToString();
    }
}
