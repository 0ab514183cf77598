using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Eventfold.Analyzers.Common;

/// <summary>Recognises collection types that let an event's contents change, and their read-only counterparts.</summary>
internal static class MutableCollections
{
    public const string ReadOnlyList = "IReadOnlyList";
    public const string ReadOnlyCollection = "IReadOnlyCollection";
    public const string ReadOnlyDictionary = "IReadOnlyDictionary";
    public const string ReadOnlySet = "IReadOnlySet";

    /// <summary>Open generic types by namespace-qualified metadata name, with the read-only interface to use instead (null: none fits).</summary>
    private static readonly Dictionary<string, string?> Replacements = new()
    {
        ["System.Collections.Generic.List`1"] = ReadOnlyList,
        ["System.Collections.Generic.IList`1"] = ReadOnlyList,
        ["System.Collections.ObjectModel.Collection`1"] = ReadOnlyList,
        ["System.Collections.ObjectModel.ObservableCollection`1"] = ReadOnlyList,
        ["System.Collections.Generic.ICollection`1"] = ReadOnlyCollection,
        ["System.Collections.Generic.Dictionary`2"] = ReadOnlyDictionary,
        ["System.Collections.Generic.IDictionary`2"] = ReadOnlyDictionary,
        ["System.Collections.Generic.SortedDictionary`2"] = ReadOnlyDictionary,
        ["System.Collections.Generic.SortedList`2"] = ReadOnlyDictionary,
        ["System.Collections.Concurrent.ConcurrentDictionary`2"] = ReadOnlyDictionary,
        ["System.Collections.Generic.HashSet`1"] = ReadOnlySet,
        ["System.Collections.Generic.SortedSet`1"] = ReadOnlySet,
        ["System.Collections.Generic.ISet`1"] = ReadOnlySet,
        ["System.Collections.Generic.Queue`1"] = null,
        ["System.Collections.Generic.Stack`1"] = null,
        ["System.Collections.Generic.LinkedList`1"] = null,
        ["System.Collections.Concurrent.ConcurrentQueue`1"] = null,
        ["System.Collections.Concurrent.ConcurrentStack`1"] = null,
        ["System.Collections.Concurrent.ConcurrentBag`1"] = null,
        ["System.Collections.ArrayList"] = null,
        ["System.Collections.Hashtable"] = null,
    };

    /// <summary>
    /// Whether <paramref name="type"/> is a mutable collection; <paramref name="replacement"/> is the
    /// read-only interface that can take its place, or null when none does.
    /// </summary>
    public static bool IsMutable(ITypeSymbol type, Compilation compilation, out string? replacement)
    {
        replacement = null;
        if (type is IArrayTypeSymbol array)
        {
            replacement = array.Rank == 1 ? ReadOnlyList : null;
            return true;
        }

        if (type is not INamedTypeSymbol named)
        {
            return false;
        }

        var definition = named.OriginalDefinition;
        var key = definition.ContainingNamespace.ToDisplayString() + "." + definition.MetadataName;
        if (!Replacements.TryGetValue(key, out replacement))
        {
            return false;
        }

        // IReadOnlySet<T> exists from .NET 5 on; older targets get the diagnostic without a fix.
        if (replacement == ReadOnlySet && compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlySet`1") is null)
        {
            replacement = null;
        }

        return true;
    }
}
