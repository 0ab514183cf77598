using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Eventfold.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Eventfold.Analyzers.Rules;

/// <summary>
/// EVF018: an [Event] whose public property or constructor parameter has an interface or abstract
/// class type (directly, as a collection element, or inside a member type declared in the project)
/// that declares no polymorphism and no converter: written on append, never readable after.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EventPayloadAnalyzer : DiagnosticAnalyzer
{
    private const string JsonAttributes = "System.Text.Json.Serialization.";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.UnreadableEventMember);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var eventAttribute = start.Compilation.GetTypeByMetadataName("Eventfold.EventAttribute");
            if (eventAttribute is not null)
            {
                start.RegisterSymbolAction(symbol => Analyze(symbol, eventAttribute), SymbolKind.NamedType);
            }
        });
    }

    private static void Analyze(SymbolAnalysisContext context, INamedTypeSymbol eventAttribute)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (!type.HasAttribute(eventAttribute))
        {
            return;
        }

        foreach (var property in SerializedProperties(type))
        {
            var seen = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default) { type };
            if (Unreadable(property.Type, seen, property.Name, out var path, out var culprit)
                && property.Locations.FirstOrDefault(l => l.IsInSource) is { } location)
            {
                string what = culprit.TypeKind == TypeKind.Interface ? "an interface" : "an abstract class";
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.UnreadableEventMember,
                    location,
                    type.Name,
                    path,
                    culprit.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
                    what));
            }
        }
    }

    /// <summary>Public instance properties with a getter and no [JsonIgnore] or [JsonConverter]: what System.Text.Json writes and must read.</summary>
    private static IEnumerable<IPropertySymbol> SerializedProperties(INamedTypeSymbol type) =>
        type.GetMembers().OfType<IPropertySymbol>().Where(p =>
            !p.IsStatic
            && !p.IsIndexer
            && p.DeclaredAccessibility == Accessibility.Public
            && p.GetMethod is not null
            && !p.IsImplicitlyDeclared
            && !HasJsonAttribute(p, "JsonIgnoreAttribute")
            && !HasJsonAttribute(p, "JsonConverterAttribute"));

    private static bool Unreadable(ITypeSymbol type, HashSet<ITypeSymbol> seen, string path, out string culpritPath, out ITypeSymbol culprit)
    {
        culpritPath = path;
        culprit = type;
        if (!seen.Add(type) || type.SpecialType != SpecialType.None || HasJsonAttribute(type, "JsonConverterAttribute"))
        {
            return false;
        }

        if (type is IArrayTypeSymbol array)
        {
            return Unreadable(array.ElementType, seen, path + "[]", out culpritPath, out culprit);
        }

        if (type is not INamedTypeSymbol named)
        {
            return false;
        }

        // Collections: System.Text.Json creates the collection; what matters is what it holds.
        if (IsCollection(named))
        {
            foreach (var argument in named.TypeArguments)
            {
                if (Unreadable(argument, seen, path + "[]", out culpritPath, out culprit))
                {
                    return true;
                }
            }

            return false;
        }

        if ((named.TypeKind == TypeKind.Interface || (named.TypeKind == TypeKind.Class && named.IsAbstract))
            && !HasJsonAttribute(named, "JsonPolymorphicAttribute")
            && !HasJsonAttribute(named, "JsonDerivedTypeAttribute"))
        {
            return true;
        }

        if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
        {
            return Unreadable(named.TypeArguments[0], seen, path, out culpritPath, out culprit);
        }

        // A member type of the project's own: look inside it (library types are taken as readable).
        if (named.Locations.Any(l => l.IsInSource) && named.TypeKind is TypeKind.Class or TypeKind.Struct)
        {
            foreach (var inner in SerializedProperties(named))
            {
                if (Unreadable(inner.Type, seen, path + "." + inner.Name, out culpritPath, out culprit))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsCollection(INamedTypeSymbol type) =>
        type.SpecialType == SpecialType.System_Collections_IEnumerable
        || type.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T
        || type.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable);

    private static bool HasJsonAttribute(ISymbol symbol, string name) =>
        symbol.GetAttributes().Any(a => a.AttributeClass is { } c && c.Name == name && c.ToDisplayString() == JsonAttributes + name);
}
