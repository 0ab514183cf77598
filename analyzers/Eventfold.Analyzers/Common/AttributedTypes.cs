using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Eventfold.Analyzers.Common;

/// <summary>The registration most rules share: look at every type that carries one Eventfold attribute.</summary>
internal static class AttributedTypes
{
    /// <summary>
    /// Runs <paramref name="analyze"/> on every named type carrying <paramref name="attribute"/>, with the attribute's
    /// data; registers nothing when the compilation does not reference Eventfold (the attribute is null).
    /// </summary>
    public static void RegisterTypesWith(
        this CompilationStartAnalysisContext start,
        INamedTypeSymbol? attribute,
        Action<SymbolAnalysisContext, INamedTypeSymbol, AttributeData> analyze)
    {
        if (attribute is null)
        {
            return;
        }

        start.RegisterSymbolAction(
            context =>
            {
                var type = (INamedTypeSymbol)context.Symbol;
                if (type.GetAttribute(attribute) is { } data)
                {
                    analyze(context, type, data);
                }
            },
            SymbolKind.NamedType);
    }
}
