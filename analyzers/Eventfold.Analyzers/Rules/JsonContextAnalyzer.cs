using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Eventfold.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Eventfold.Analyzers.Rules;

/// <summary>
/// The application's <c>JsonSerializerContext</c> against the events it must read and write. A context is the
/// application's when it is passed to <c>EventSerializer.Create</c>: EVF070 names each <c>[Event]</c> type (and
/// each typed upcaster's source type) it has no <c>[JsonSerializable]</c> for; EVF072 each type of a published
/// state's or snapshot's member it has no metadata for. EVF071 reports an application that publishes with Native
/// AOT or trimming, declares events and passes no context at all.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class JsonContextAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: the fully qualified metadata name of the type to add, for the code fix.</summary>
    public const string MissingTypeProperty = "MissingType";

    /// <summary>Diagnostic property of EVF072: the missing type, fully qualified in C# (it may be a constructed generic), for the code fix.</summary>
    public const string MissingTypeSyntaxProperty = "MissingTypeSyntax";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.EventMissingFromJsonContext,
        DiagnosticDescriptors.NoJsonContextForNativeAot,
        DiagnosticDescriptors.GeneratedMemberMissingFromJsonContext);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var types = EventfoldTypes.From(start.Compilation);
            var serializer = start.Compilation.GetTypeByMetadataName("Eventfold.EventSerializer");
            var contextType = start.Compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonSerializerContext");
            var serializable = start.Compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonSerializableAttribute");
            if (types.Event is null || serializer is null || contextType is null || serializable is null)
            {
                return;
            }

            var uses = new SerializerUses();
            start.RegisterOperationAction(op => uses.Read(op, serializer, contextType), OperationKind.Invocation, OperationKind.ObjectCreation);
            start.RegisterCompilationEndAction(end =>
            {
                var events = new Lazy<List<INamedTypeSymbol>>(() => SerializedTypes.Of(end.Compilation, types));
                var members = new Lazy<List<GeneratedJsonMember>>(() => GeneratedJsonMembers.Of(end.Compilation, types, end.CancellationToken));
                foreach (var appContext in uses.Contexts.Distinct(SymbolEqualityComparer.Default).OfType<INamedTypeSymbol>())
                {
                    ReportMissing(end, appContext, serializable, events.Value, members.Value);
                }

                if (!uses.MayPassContext && PublishesNatively(end.Options) is { } property && events.Value.FirstOrDefault(InSource) is { } first)
                {
                    end.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.NoJsonContextForNativeAot, first.Locations.First(l => l.IsInSource), property, events.Value.Count, first.ToDisplayString()));
                }
            });
        });
    }

    private static bool InSource(INamedTypeSymbol type) => type.Locations.Any(l => l.IsInSource);

    private static void ReportMissing(
        CompilationAnalysisContext context, INamedTypeSymbol appContext, INamedTypeSymbol serializable, List<INamedTypeSymbol> events, List<GeneratedJsonMember> members)
    {
        var attributes = appContext.GetAttributes().Where(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, serializable)).ToList();
        if (DeclarationLocation(appContext, attributes) is not { } location)
        {
            return; // a context of another assembly: its attributes cannot be changed here
        }

        var covered = new HashSet<ITypeSymbol>(
            attributes
                .Select(a => a.ConstructorArguments.Length > 0 ? a.ConstructorArguments[0].Value as ITypeSymbol : null)
                .OfType<ITypeSymbol>(),
            SymbolEqualityComparer.Default);
        foreach (var missing in events.Where(e => !covered.Contains(e)))
        {
            var properties = ImmutableDictionary<string, string?>.Empty.Add(MissingTypeProperty, MetadataName(missing));
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.EventMissingFromJsonContext, location, properties, appContext.Name, missing.ToDisplayString()));
        }

        var graph = new JsonContextGraph(covered);
        var reported = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        foreach (var member in members)
        {
            if (GeneratedJsonMembers.IsBuiltIn(member.Type) || graph.Covers(member.Type) || !reported.Add(member.Type))
            {
                continue;
            }

            var type = member.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
            string name = type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
            var properties = ImmutableDictionary<string, string?>.Empty.Add(MissingTypeSyntaxProperty, type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.GeneratedMemberMissingFromJsonContext, location, properties, appContext.Name, name, member.Member, member.Aggregate.Name, member.Where));
        }
    }

    /// <summary>
    /// The declaration of the context the user writes attributes on: the part that has them already (the
    /// System.Text.Json generator adds a part of its own), else the first part in source.
    /// </summary>
    private static Location? DeclarationLocation(INamedTypeSymbol appContext, List<AttributeData> attributes)
    {
        var tree = attributes.Select(a => a.ApplicationSyntaxReference?.SyntaxTree).FirstOrDefault(t => t is not null);
        return appContext.Locations.FirstOrDefault(l => l.IsInSource && (tree is null || l.SourceTree == tree));
    }

    /// <summary>The MSBuild property that makes this a Native AOT or trimmed publish, or null.</summary>
    private static string? PublishesNatively(AnalyzerOptions options)
    {
        foreach (var property in new[] { "PublishAot", "PublishTrimmed" })
        {
            if (options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue("build_property." + property, out var value)
                && string.Equals(value, "true", System.StringComparison.OrdinalIgnoreCase))
            {
                return property;
            }
        }

        return null;
    }

    /// <summary>"Ns.Outer+Inner" as <c>Compilation.GetTypeByMetadataName</c> reads it.</summary>
    private static string MetadataName(INamedTypeSymbol type)
    {
        string name = type.MetadataName;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            name = outer.MetadataName + "+" + name;
        }

        return type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + name : name;
    }

    /// <summary>Where the compilation builds an <c>EventSerializer</c>, and with which context.</summary>
    private sealed class SerializerUses
    {
        private readonly ConcurrentBag<ITypeSymbol> _contexts = new();
        private volatile bool _mayPassContext;

        public IEnumerable<ITypeSymbol> Contexts => _contexts;

        /// <summary>Whether some serializer gets its JSON metadata from the application: a context, or options that may carry one.</summary>
        public bool MayPassContext => _mayPassContext;

        public void Read(OperationAnalysisContext context, INamedTypeSymbol serializer, INamedTypeSymbol contextType)
        {
            switch (context.Operation)
            {
                case IInvocationOperation { TargetMethod: { Name: "Create", IsStatic: true } method } invocation
                    when SymbolEqualityComparer.Default.Equals(method.ContainingType, serializer) && invocation.Arguments.Length > 0:
                    _mayPassContext = true;
                    if (Unconverted(invocation.Arguments[0].Value).Type is INamedTypeSymbol given && DerivesFrom(given, contextType))
                    {
                        _contexts.Add(given);
                    }

                    break;
                case IObjectCreationOperation creation
                    when SymbolEqualityComparer.Default.Equals(creation.Type, serializer)
                    && creation.Arguments.Any(a => a.Parameter?.Name == "options" && a.ArgumentKind == ArgumentKind.Explicit && !IsNull(a.Value)):
                    _mayPassContext = true; // options built by hand: their resolver is not known here
                    break;
            }
        }

        private static IOperation Unconverted(IOperation value) => value is IConversionOperation conversion ? Unconverted(conversion.Operand) : value;

        private static bool IsNull(IOperation value) => Unconverted(value) is ILiteralOperation { ConstantValue: { HasValue: true, Value: null } };

        private static bool DerivesFrom(INamedTypeSymbol type, INamedTypeSymbol baseType)
        {
            for (var current = type.BaseType; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, baseType))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
