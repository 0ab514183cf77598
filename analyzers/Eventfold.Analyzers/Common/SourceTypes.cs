using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Eventfold.Analyzers.Common;

/// <summary>Every type the compilation declares, nested ones included, for rules that need the whole picture (event versions).</summary>
internal static class SourceTypes
{
    public static IEnumerable<INamedTypeSymbol> All(Compilation compilation) => In(compilation.Assembly.GlobalNamespace);

    /// <summary>Every type under <paramref name="root"/>, nested ones included (also of a referenced assembly).</summary>
    public static IEnumerable<INamedTypeSymbol> In(INamespaceSymbol root)
    {
        var pending = new Stack<INamespaceOrTypeSymbol>();
        pending.Push(root);
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
