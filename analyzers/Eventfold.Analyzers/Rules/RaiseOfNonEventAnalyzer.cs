using System.Collections.Immutable;
using Eventfold.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Eventfold.Analyzers.Rules;

/// <summary>
/// EVF017: <c>Raise(x)</c> where x is certainly not an [Event]: a new instance, a struct or a sealed
/// class whose type has no [Event]. A value typed as a base class or interface may still hold an
/// event at run time, so it is not reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RaiseOfNonEventAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.RaiseOfNonEvent);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var types = EventfoldTypes.From(start.Compilation);
            if (types.Aggregate is not null && types.Event is not null)
            {
                start.RegisterOperationAction(operation => Analyze(operation, types.Aggregate, types.Event), OperationKind.Invocation);
            }
        });
    }

    private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol aggregateAttribute, INamedTypeSymbol eventAttribute)
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

        if (value.Type is not { } type || type.TypeKind == TypeKind.Error || type.HasAttribute(eventAttribute))
        {
            return;
        }

        bool exact = value is IObjectCreationOperation
            || type.IsValueType
            || (type.IsSealed && type.TypeKind == TypeKind.Class);
        if (exact)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.RaiseOfNonEvent,
                invocation.Arguments[0].Syntax.GetLocation(),
                aggregate.Name,
                type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
        }
    }
}
