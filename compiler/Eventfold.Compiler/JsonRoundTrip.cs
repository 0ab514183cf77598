using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Eventfold.Compiler;

/// <summary>
/// Whether System.Text.Json, with the general defaults a snapshot is written with (exact names, no fields,
/// no converters beyond a type's own <c>[JsonConverter]</c>), reads a value of a type back as it wrote it.
/// Types of the project's own are looked into, member by member; library types are taken as round-tripping,
/// except the kinds no library type can make round-trip (object, interfaces, tuples, delegates).
/// </summary>
internal static class JsonRoundTrip
{
    private const string JsonAttributes = "System.Text.Json.Serialization.";

    /// <summary>The first part of the value that does not come back, as a path below the value (".Amount", "[]") and why; null when all of it does.</summary>
    public static (string Path, string Why)? Loss(ITypeSymbol type) =>
        Loss(type, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default), "");

    private static (string Path, string Why)? Loss(ITypeSymbol type, HashSet<ITypeSymbol> seen, string path)
    {
        if (!seen.Add(type) || HasJsonAttribute(type, "JsonConverterAttribute"))
        {
            return null;
        }

        string name = CompilerNames.Display(type);
        if (type.TypeKind is TypeKind.Delegate or TypeKind.Pointer or TypeKind.FunctionPointer || type.IsRefLikeType)
        {
            return (path, $"of type {name} cannot be written as JSON");
        }

        if (type.SpecialType == SpecialType.System_Object || type.TypeKind == TypeKind.Dynamic)
        {
            return (path, $"of type {name} is read back as a JsonElement, not as the value that was written: give it a concrete type");
        }

        // Primitives, string, DateTime and the like; special interfaces (IDisposable, IEnumerable<T>) are looked at below.
        if ((type.SpecialType != SpecialType.None && type.TypeKind != TypeKind.Interface) || type.TypeKind is TypeKind.Enum or TypeKind.TypeParameter or TypeKind.Error)
        {
            return null;
        }

        if (type is IArrayTypeSymbol array)
        {
            return Loss(array.ElementType, seen, path + "[]");
        }

        if (type is not INamedTypeSymbol named)
        {
            return null;
        }

        if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
        {
            return Loss(named.TypeArguments[0], seen, path);
        }

        if (named.IsTupleType)
        {
            return (path, $"of tuple type {name} comes back empty: a tuple's items are fields, which System.Text.Json leaves out; use a record");
        }

        // A collection: System.Text.Json creates it (interfaces such as IReadOnlyList<T> included); what matters is what it holds.
        if (named.SpecialType == SpecialType.System_Collections_IEnumerable || named.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable))
        {
            foreach (var argument in named.TypeArguments)
            {
                if (Loss(argument, seen, path + "[]") is { } inner)
                {
                    return inner;
                }
            }

            return null;
        }

        if ((named.TypeKind == TypeKind.Interface || (named.TypeKind == TypeKind.Class && named.IsAbstract))
            && !HasJsonAttribute(named, "JsonPolymorphicAttribute")
            && !HasJsonAttribute(named, "JsonDerivedTypeAttribute"))
        {
            string what = named.TypeKind == TypeKind.Interface ? "an interface" : "an abstract class";
            return (path, $"of type {name}, {what} without [JsonPolymorphic], cannot be created on reading");
        }

        if (named.TypeKind is TypeKind.Class or TypeKind.Struct && named.Locations.Any(l => l.IsInSource))
        {
            return LossInside(named, seen, path);
        }

        return null;
    }

    /// <summary>Each field of a type of the project's own (backing fields by their property) must be written and set back.</summary>
    private static (string Path, string Why)? LossInside(INamedTypeSymbol type, HashSet<ITypeSymbol> seen, string path)
    {
        string name = CompilerNames.Display(type);
        if (ConstructorParameters(type) is not { } parameters)
        {
            return (path, $"of type {name} cannot be read: it has no public parameterless constructor, no single public constructor and no [JsonConstructor]");
        }

        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object && current.SpecialType != SpecialType.System_ValueType; current = current.BaseType)
        {
            foreach (var field in current.GetMembers().OfType<IFieldSymbol>())
            {
                if (field.IsStatic || field.IsConst)
                {
                    continue;
                }

                var property = field.AssociatedSymbol as IPropertySymbol;
                ISymbol member = (ISymbol?)property ?? field;
                if (HasJsonAttribute(member, "JsonIgnoreAttribute"))
                {
                    continue; // left out on purpose
                }

                string at = path + "." + member.Name;
                bool included = HasJsonAttribute(member, "JsonIncludeAttribute");
                bool byConstructor = parameters.Contains(member.Name);
                if (property is not null)
                {
                    bool written = included || property.GetMethod?.DeclaredAccessibility == Accessibility.Public;
                    bool setBack = byConstructor || (property.SetMethod is { } setter && (included || setter.DeclaredAccessibility == Accessibility.Public));
                    if (!written)
                    {
                        return (at, "is never written: it has no public getter and no [JsonInclude]");
                    }

                    if (!setBack)
                    {
                        return (at, "is written but never set back on reading: give it a public setter or init, a constructor parameter of its name, or [JsonInclude]");
                    }
                }
                else if (!included)
                {
                    return (at, "is a field, which System.Text.Json leaves out: make it a property, or mark it [JsonInclude]");
                }
                else if (field.IsReadOnly && !byConstructor)
                {
                    return (at, "is a readonly field without a constructor parameter of its name, so it is never set back on reading");
                }

                if (Loss(field.Type, seen, at) is { } inner)
                {
                    return inner;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The parameter names of the constructor System.Text.Json reads the type through (none for a public
    /// parameterless one), or null when it has none it can use. For a struct, whose parameterless
    /// constructor always exists, a single public constructor's parameters are counted too.
    /// </summary>
    private static HashSet<string>? ConstructorParameters(INamedTypeSymbol type)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var chosen = type.InstanceConstructors.FirstOrDefault(c => HasJsonAttribute(c, "JsonConstructorAttribute"));
        if (chosen is null)
        {
            var publicOnes = type.InstanceConstructors.Where(c => c.DeclaredAccessibility == Accessibility.Public).ToList();
            var withParameters = publicOnes.Where(c => c.Parameters.Length > 0).ToList();
            if (type.TypeKind == TypeKind.Class && publicOnes.Any(c => c.Parameters.Length == 0))
            {
                return names;
            }

            if (withParameters.Count != 1)
            {
                return type.TypeKind == TypeKind.Struct ? names : null;
            }

            chosen = withParameters[0];
        }

        foreach (var parameter in chosen.Parameters)
        {
            names.Add(parameter.Name);
        }

        return names;
    }

    private static bool HasJsonAttribute(ISymbol symbol, string name) =>
        symbol.GetAttributes().Any(a => a.AttributeClass is { } c && c.Name == name && c.ToDisplayString() == JsonAttributes + name);
}
