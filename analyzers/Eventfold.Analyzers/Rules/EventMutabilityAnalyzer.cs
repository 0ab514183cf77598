using System.Collections.Immutable;
using System.Linq;
using Eventfold.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Eventfold.Analyzers.Rules;

/// <summary>EVF001: an [Event] type with a settable property, a non-readonly field or a mutable collection.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EventMutabilityAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.MutableEvent);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var eventAttribute = start.Compilation.GetTypeByMetadataName("Eventfold.EventAttribute");
            if (eventAttribute is not null)
            {
                start.RegisterSymbolAction(symbol => AnalyzeType(symbol, eventAttribute), SymbolKind.NamedType);
            }
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, INamedTypeSymbol eventAttribute)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (!type.HasAttribute(eventAttribute))
        {
            return;
        }

        foreach (var member in type.GetMembers())
        {
            if (member.IsStatic || member.IsImplicitlyDeclared)
            {
                continue;
            }

            switch (member)
            {
                case IPropertySymbol property:
                    AnalyzeProperty(context, type, property);
                    break;
                case IFieldSymbol { IsConst: false } field:
                    AnalyzeField(context, type, field);
                    break;
            }
        }
    }

    private static void AnalyzeProperty(SymbolAnalysisContext context, INamedTypeSymbol type, IPropertySymbol property)
    {
        var declaration = property.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(context.CancellationToken);
        if (property.SetMethod is { IsInitOnly: false } setter)
        {
            ReportSetter(context, type, property, setter, declaration);
        }

        var typeSyntax = declaration switch
        {
            PropertyDeclarationSyntax p => p.Type,
            ParameterSyntax p => p.Type,
            _ => null,
        };
        ReportMutableCollection(context, type, property.Name, property.Type, typeSyntax);
    }

    private static void ReportSetter(
        SymbolAnalysisContext context, INamedTypeSymbol type, IPropertySymbol property, IMethodSymbol setter, SyntaxNode? declaration)
    {
        var accessor = setter.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(context.CancellationToken) as AccessorDeclarationSyntax;
        if (accessor is not null)
        {
            Report(context, accessor.Keyword.GetLocation(), type, $"property '{property.Name}' has a setter; use 'init'", DiagnosticProperties.FixSetterToInit);
        }
        else if (declaration is ParameterSyntax parameter)
        {
            // A positional parameter of a record struct that is not 'readonly' makes a settable property.
            Report(context, parameter.Identifier.GetLocation(), type, $"positional property '{property.Name}' of a record struct is settable; declare the struct 'readonly'", DiagnosticProperties.FixReadonlyRecordStruct);
        }
    }

    private static void AnalyzeField(SymbolAnalysisContext context, INamedTypeSymbol type, IFieldSymbol field)
    {
        if (field.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(context.CancellationToken) is not VariableDeclaratorSyntax
            {
                Parent: VariableDeclarationSyntax { Parent: FieldDeclarationSyntax } declaration,
            } declarator)
        {
            return;
        }

        // 'int a, b;' shares one modifier list and one type: report it once, through its first variable.
        if (declaration.Variables[0] != declarator)
        {
            return;
        }

        var names = string.Join("', '", declaration.Variables.Select(v => v.Identifier.ValueText));
        if (!field.IsReadOnly)
        {
            Report(context, declarator.Identifier.GetLocation(), type, $"field '{names}' is not readonly", DiagnosticProperties.FixFieldToReadonly);
        }

        ReportMutableCollection(context, type, names, field.Type, declaration.Type);
    }

    private static void ReportMutableCollection(
        SymbolAnalysisContext context, INamedTypeSymbol type, string memberName, ITypeSymbol memberType, TypeSyntax? typeSyntax)
    {
        if (typeSyntax is null || !MutableCollections.IsMutable(memberType, context.Compilation, out var replacement))
        {
            return;
        }

        var location = (typeSyntax is NullableTypeSyntax nullable ? nullable.ElementType : typeSyntax).GetLocation();
        var typeName = memberType.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        var advice = replacement is null ? "use an immutable collection" : $"use '{ReplacementDisplay(memberType, replacement)}'";
        var message = $"'{memberName}' has the mutable collection type '{typeName}'; {advice}";
        if (replacement is null)
        {
            Report(context, location, type, message, fix: null);
        }
        else
        {
            Report(context, location, type, message, DiagnosticProperties.FixReadOnlyCollection, replacement);
        }
    }

    /// <summary>The read-only interface with the collection's own type arguments, as the fix writes it.</summary>
    private static string ReplacementDisplay(ITypeSymbol collection, string replacement)
    {
        var typeArguments = collection switch
        {
            IArrayTypeSymbol array => new[] { array.ElementType },
            INamedTypeSymbol named => named.TypeArguments.ToArray(),
            _ => System.Array.Empty<ITypeSymbol>(),
        };
        return $"{replacement}<{string.Join(", ", typeArguments.Select(t => t.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)))}>";
    }

    private static void Report(
        SymbolAnalysisContext context, Location location, INamedTypeSymbol type, string detail, string? fix, string? replacement = null)
    {
        var properties = ImmutableDictionary<string, string?>.Empty;
        if (fix is not null)
        {
            properties = properties.Add(DiagnosticProperties.Fix, fix);
        }

        if (replacement is not null)
        {
            properties = properties.Add(DiagnosticProperties.ReplacementType, replacement);
        }

        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MutableEvent, location, properties, type.Name, detail));
    }
}
