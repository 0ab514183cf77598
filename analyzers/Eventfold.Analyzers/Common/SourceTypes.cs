using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Eventfold.Analyzers.Common;

/// <summary>Every type the compilation declares, nested ones included, for rules that need the whole picture (event versions).</summary>
internal static class SourceTypes
{
    public static IEnumerable<INamedTypeSymbol> All(Compilation compilation)
    {
        var pending = new Stack<INamespaceOrTypeSymbol>();
        pending.Push(compilation.Assembly.GlobalNamespace);
        while (pending.Count > 0)
        {
            foreach (var member in pending.Pop().GetMembers())
            {
                if (member is INamespaceOrTypeSymbol container)
                {
                    pending.Push(container);
                    if (container is INamedTypeSymbol type)
                    {
                        yield return type;
                    }
                }
            }
        }
    }
}
