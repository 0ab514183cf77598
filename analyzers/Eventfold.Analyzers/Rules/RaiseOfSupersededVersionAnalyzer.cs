using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Eventfold.Analyzers.Common;
using Eventfold.Compiler;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Eventfold.Analyzers.Rules;

/// <summary>
/// EVF019: <c>Raise(x)</c> of an event type whose version a later [Event] of the same name in this
/// compilation supersedes. Domain code raises the latest version; older ones exist to read history.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RaiseOfSupersededVersionAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.RaiseOfSupersededVersion);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var types = EventfoldTypes.From(start.Compilation);
            if (types.Aggregate is null || types.Event is null)
            {
                return;
            }

            var eventAttribute = types.Event;
            var aggregateAttribute = types.Aggregate;

            // Built once per compilation, on the first Raise that needs it.
            var latest = new Lazy<Dictionary<string, (int Version, INamedTypeSymbol Type)>>(
                () => LatestVersions(start.Compilation, eventAttribute), LazyThreadSafetyMode.ExecutionAndPublication);
            start.RegisterOperationAction(operation => Analyze(operation, aggregateAttribute, eventAttribute, latest), OperationKind.Invocation);
        });
    }

    private static void Analyze(
        OperationAnalysisContext context, INamedTypeSymbol aggregateAttribute, INamedTypeSymbol eventAttribute,
        Lazy<Dictionary<string, (int Version, INamedTypeSymbol Type)>> latest)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!RaiseCall.IsRaise(invocation, aggregateAttribute, out var aggregate))
        {
            return;
        }

        var value = invocation.Arguments[0].Value;
        while (value is IConversionOperation { IsImplicit: true } conversion)
        {
            value = conversion.Operand;
        }

        if (value.Type is not INamedTypeSymbol type || type.GetAttribute(eventAttribute) is not { } attribute)
        {
            return;
        }

        string name = EventRules.StoredName(type, attribute);
        int version = EventRules.StoredVersion(attribute);
        if (latest.Value.TryGetValue(name, out var newest) && newest.Version > version)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.RaiseOfSupersededVersion,
                invocation.Arguments[0].Syntax.GetLocation(),
                aggregate.Name, type.Name, version, name, newest.Version, newest.Type.Name));
        }
    }

    private static Dictionary<string, (int Version, INamedTypeSymbol Type)> LatestVersions(Compilation compilation, INamedTypeSymbol eventAttribute)
    {
        var latest = new Dictionary<string, (int Version, INamedTypeSymbol Type)>(System.StringComparer.Ordinal);
        foreach (var type in SourceTypes.All(compilation))
        {
            if (type.GetAttribute(eventAttribute) is { } attribute)
            {
                string name = EventRules.StoredName(type, attribute);
                int version = EventRules.StoredVersion(attribute);
                if (!latest.TryGetValue(name, out var known) || known.Version < version)
                {
                    latest[name] = (version, type);
                }
            }
        }

        return latest;
    }
}
