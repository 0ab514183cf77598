using System;
using System.Collections.Generic;
using System.Linq;
using Eventfold.Compiler;
using Microsoft.CodeAnalysis;

namespace Eventfold.Analyzers.Common;

/// <summary>
/// The types the application's event serializer reads and writes: every registrable <c>[Event]</c> type of the
/// compilation and of the referenced assemblies built with Eventfold, except the published states Eventfold generates
/// (they bring their own JSON converters, and System.Text.Json's generator cannot see them)
/// (the registry holds theirs too), and every typed upcaster's source type, read through the shared rules
/// (<see cref="UpcasterReader"/>) so a type the registration skips is not asked for.
/// </summary>
internal static class SerializedTypes
{
    public static List<INamedTypeSymbol> Of(Compilation compilation, EventfoldTypes types)
    {
        var found = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        foreach (var type in SourceTypes.All(compilation))
        {
            AddIfEvent(found, type, types);
            foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
            {
                if (method.GetAttribute(types.Upcaster) is { } attribute
                    && UpcasterReader.Read(method, attribute) is { Kind: UpcasterKind.Typed }
                    && method.Parameters[0].Type is INamedTypeSymbol source)
                {
                    found.Add(source);
                }
            }
        }

        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols.Where(BuiltWithEventfold))
        {
            foreach (var type in SourceTypes.In(assembly.GlobalNamespace))
            {
                if (compilation.IsSymbolAccessibleWithin(type, compilation.Assembly))
                {
                    AddIfEvent(found, type, types);
                }
            }
        }

        return found.OrderBy(t => t.ToDisplayString(), StringComparer.Ordinal).ToList();
    }

    private static void AddIfEvent(HashSet<INamedTypeSymbol> found, INamedTypeSymbol type, EventfoldTypes types)
    {
        if (type.HasAttribute(types.Event) && UpcasterReader.TryReadEvent(type, out _, out _) && !GeneratedByEventfold(type))
        {
            found.Add(type);
        }
    }

    private static bool GeneratedByEventfold(INamedTypeSymbol type) =>
        type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.CodeDom.Compiler.GeneratedCodeAttribute"
            && a.ConstructorArguments.Length > 0 && a.ConstructorArguments[0].Value as string == "Eventfold.Generators");

    private static bool BuiltWithEventfold(IAssemblySymbol assembly) =>
        assembly.Name != "Eventfold" && assembly.Modules.Any(m => m.ReferencedAssemblies.Any(r => r.Name == "Eventfold"));
}
