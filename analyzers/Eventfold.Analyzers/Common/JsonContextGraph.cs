using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Eventfold.Analyzers.Common;

/// <summary>
/// The types a JSON context has metadata for: those it lists, and every type System.Text.Json's generator reaches
/// from them (the public properties' types, array elements, generic arguments such as a list's elements), which
/// the context's <c>GetTypeInfo</c> serves as well.
/// </summary>
internal sealed class JsonContextGraph
{
    private readonly HashSet<ITypeSymbol> _reached = new(SymbolEqualityComparer.Default);

    public JsonContextGraph(IEnumerable<ITypeSymbol> listed)
    {
        var pending = new Stack<ITypeSymbol>(listed);
        while (pending.Count > 0)
        {
            var type = pending.Pop();
            if (!_reached.Add(type))
            {
                continue;
            }

            foreach (var next in Neighbours(type))
            {
                pending.Push(next);
            }
        }
    }

    public bool Covers(ITypeSymbol type) => _reached.Contains(type);

    private static IEnumerable<ITypeSymbol> Neighbours(ITypeSymbol type)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                yield return array.ElementType;
                yield break;
            case INamedTypeSymbol named:
                foreach (var argument in named.TypeArguments)
                {
                    yield return argument;
                }

                if (named.ContainingNamespace?.ToDisplayString().StartsWith("System", System.StringComparison.Ordinal) == true)
                {
                    yield break; // library types: their shape is what their type arguments say
                }

                for (var current = named; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
                {
                    foreach (var property in current.GetMembers().OfType<IPropertySymbol>())
                    {
                        if (!property.IsStatic && !property.IsIndexer && property.DeclaredAccessibility == Accessibility.Public)
                        {
                            yield return property.Type;
                        }
                    }
                }

                yield break;
        }
    }
}
