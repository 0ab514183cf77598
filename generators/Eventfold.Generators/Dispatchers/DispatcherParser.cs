using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Eventfold.Compiler;
using Eventfold.Generators.Aggregates;
using Eventfold.Generators.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Eventfold.Generators.Dispatchers;

/// <summary>
/// Reads a <c>[BoundedDispatcher]</c> class into a <see cref="DispatcherSpec"/> through
/// <see cref="DispatcherRules"/>, the reading the analyzers report from. A class with any problem, no
/// usable Handle method, or that is not partial (EVF006) yields null, and no broken code is emitted.
/// </summary>
internal static class DispatcherParser
{
    public const string AttributeName = "Eventfold.BoundedDispatcherAttribute";

    private static readonly string[] OverflowNames = ["Wait", "DropOldest", "DropNewest", "Reject"];

    /// <summary>Syntax-only filter: a partial class or record class.</summary>
    public static bool IsCandidate(SyntaxNode node, CancellationToken _) =>
        node is TypeDeclarationSyntax declaration
        && (declaration is ClassDeclarationSyntax
            || declaration is RecordDeclarationSyntax record && !record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword))
        && declaration.Modifiers.Any(SyntaxKind.PartialKeyword);

    public static DispatcherSpec? Parse(GeneratorAttributeSyntaxContext context, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (context.TargetSymbol is not INamedTypeSymbol type || context.Attributes.Length == 0 || !TypeDeclarations.AllContainingTypesArePartial(context.TargetNode))
        {
            return null;
        }

        var attribute = context.Attributes[0];
        var reading = DispatcherRules.Read(type, attribute, ct);
        var settings = DispatcherRules.Settings(attribute);
        if (!reading.CanGenerate || settings.Overflow < 0 || settings.Overflow >= OverflowNames.Length)
        {
            return null;
        }

        var containing = new List<ContainingTypeSpec>();
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            containing.Insert(0, new ContainingTypeSpec(outer.Name, TypeDeclarations.DeclarationOf(outer)));
        }

        string nesting = string.Join("+", containing.Select(c => c.Name).Concat(new[] { type.Name }));
        string hintName = ((type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString() + ".") + nesting).Replace("@", "") + ".Dispatcher.g.cs";

        var handlers = reading.Handlers.Select(h => new HandleSpec(
            h.Candidate.EventType,
            h.Message.IsValueType,
            h.Message.IsReferenceType,
            HandleHandlerReader.ReturnOf(h.Method),
            HandleHandlerReader.TakesToken(h.Method),
            h.KeyOf is not null));
        return new DispatcherSpec(
            hintName,
            CompilerNames.Namespace(type.ContainingNamespace),
            containing.ToEquatableArray(),
            TypeDeclarations.DeclarationOf(type),
            type.ToFullyQualifiedName(),
            type.MetadataName,
            settings.Capacity,
            OverflowNames[settings.Overflow],
            settings.Workers,
            settings.MaxWorkers,
            settings.PerSecond,
            reading.KeyType is null ? "" : CompilerNames.FullyQualified(reading.KeyType),
            handlers.ToEquatableArray());
    }
}
