using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Eventfold.Compiler;

/// <summary>One <c>[Step]</c> method as read: its settings, its compensation (null for none), and whether it returns the next data.</summary>
internal sealed class SagaStepReading(IMethodSymbol method, AttributeData attribute, int order)
{
    public IMethodSymbol Method { get; } = method;

    public AttributeData Attribute { get; } = attribute;

    public int Order { get; } = order;

    public string? CompensateName { get; set; }

    public IMethodSymbol? Compensation { get; set; }

    public bool HasNoCompensation { get; set; }

    public int Retries { get; set; }

    public int TimeoutSeconds { get; set; }

    public bool ReturnsData { get; set; }
}

/// <summary>A <c>[Saga]</c> class as the generator and the analyzers both read it.</summary>
internal sealed class SagaReading
{
    /// <summary>The steps by ascending order.</summary>
    public List<SagaStepReading> Steps { get; } = new();

    /// <summary>The data type: the first parameter of the lowest-ordered step; null when it names none.</summary>
    public ITypeSymbol? DataType { get; set; }

    public string Name { get; set; } = "";

    public ITypeSymbol? StartedBy { get; set; }

    public List<Found<SagaProblem>> Problems { get; } = new();

    /// <summary>Whether the generator emits the saga: it has steps and no problem but warnings.</summary>
    public bool CanGenerate => Steps.Count > 0 && DataType is not null && Problems.All(p => p.Value.IsWarning);
}

/// <summary>
/// Reads a <c>[Saga]</c> class: its steps in order, the data type that flows through them, each step's
/// compensation, and every problem (EVF002, EVF007, EVF008, EVF060 to EVF065). One reading for the generator
/// and the analyzers, so a saga with an error is never generated and never skipped in silence.
/// </summary>
internal static class SagaRules
{
    public const string StepAttribute = "Eventfold.StepAttribute";
    public const string NoCompensationAttribute = "Eventfold.NoCompensationAttribute";
    public const string StartMethodName = "Start";

    public static SagaReading Read(INamedTypeSymbol type, AttributeData sagaAttribute, CancellationToken ct = default)
    {
        var reading = new SagaReading();
        void Add(SagaProblemKind kind, string message, ISymbol? at = null) =>
            reading.Problems.Add(new Found<SagaProblem>(new SagaProblem(kind, message), at ?? type));

        string name = type.Name;
        CheckDeclaration(type, sagaAttribute, reading, Add);

        var methods = type.GetMembers().OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary).ToList();
        foreach (var method in methods)
        {
            ct.ThrowIfCancellationRequested();
            if (Attribute(method, StepAttribute) is { } step)
            {
                int order = step.ConstructorArguments.Length > 0 && step.ConstructorArguments[0].Value is int o ? o : 0;
                reading.Steps.Add(new SagaStepReading(method, step, order)
                {
                    CompensateName = NamedString(step, "Compensate"),
                    Retries = NamedInt(step, "Retries"),
                    TimeoutSeconds = NamedInt(step, "TimeoutSeconds"),
                    HasNoCompensation = Attribute(method, NoCompensationAttribute) is not null,
                });
            }
        }

        // A stable sort: with duplicate orders, declaration order decides (and EVF060 is reported).
        var ordered = reading.Steps.OrderBy(s => s.Order).ToList();
        reading.Steps.Clear();
        reading.Steps.AddRange(ordered);
        if (reading.Steps.Count == 0)
        {
            Add(SagaProblemKind.CannotBeGenerated, $"Saga '{name}' has no [Step] method; add '[Step(1)] private Task First(TData data, CancellationToken ct)'");
            return reading;
        }

        var first = reading.Steps[0].Method;
        reading.DataType = first.Parameters.Length > 0 && first.Parameters[0].Type.TypeKind is TypeKind.Class or TypeKind.Struct
            && first.Parameters[0].Type.SpecialType != SpecialType.System_Object
            && !IsCancellationToken(first.Parameters[0].Type)
                ? first.Parameters[0].Type
                : null;

        var stepNames = new HashSet<string>(reading.Steps.Select(s => s.Method.Name), StringComparer.Ordinal);
        for (int i = 0; i < reading.Steps.Count; i++)
        {
            var step = reading.Steps[i];
            bool isLast = i == reading.Steps.Count - 1;
            if (i > 0 && reading.Steps[i - 1].Order == step.Order)
            {
                Add(SagaProblemKind.DuplicateStepOrder, $"Saga '{name}': steps '{reading.Steps[i - 1].Method.Name}' and '{step.Method.Name}' both have order {step.Order}; the order decides which runs first and which is compensated first, so give each step its own", step.Method);
            }

            if (step.Retries < 0 || step.TimeoutSeconds < 0)
            {
                Add(SagaProblemKind.CannotBeGenerated, $"Saga '{name}': step '{step.Method.Name}' has Retries = {step.Retries} and TimeoutSeconds = {step.TimeoutSeconds}; both are 0 or more (0: no retry, no timeout)", step.Method);
            }

            CheckStepShape(name, step, reading.DataType, Add);
            if (step.CompensateName is { } compensate)
            {
                if (isLast)
                {
                    Add(SagaProblemKind.CompensationOnLastStep, $"Saga '{name}': '{step.Method.Name}' is the last step, so its compensation '{compensate}' can never run (a failed step is not compensated, and no step follows it to fail); remove Compensate", step.Method);
                }

                CheckCompensation(name, step, compensate, methods, stepNames, reading.DataType, Add);
            }
            else if (!isLast && !step.HasNoCompensation)
            {
                Add(SagaProblemKind.StepWithoutCompensation, $"Saga step '{step.Method.Name}' of '{name}' is not the last step and has no compensation: if a later step fails, its effect stays; set 'Compensate = nameof(...)' or add [NoCompensation(\"reason\")]", step.Method);
            }
        }

        if (reading.DataType is not null && !IsImmutableRecord(reading.DataType, out string why))
        {
            Add(SagaProblemKind.DataNotImmutableRecord, $"Saga '{name}' passes '{CompilerNames.Display(reading.DataType)}' from step to step, which is not an immutable record: {why}; the data is logged after each step and a step returns the next data ('data with {{ ... }}'), so declare it as a record with init-only members", first.Parameters[0]);
        }

        CheckStartedBy(type, sagaAttribute, reading, methods, Add);
        return reading;
    }

    private static void CheckDeclaration(INamedTypeSymbol type, AttributeData attribute, SagaReading reading, Action<SagaProblemKind, string, ISymbol?> add)
    {
        string name = type.Name;
        if (type.TypeKind != TypeKind.Class || type.IsRecord)
        {
            add(SagaProblemKind.CannotBeGenerated, $"Saga '{name}' is not a class; a saga is a class whose steps run in order", null);
        }
        else if (type.IsStatic)
        {
            add(SagaProblemKind.CannotBeGenerated, $"Saga '{name}' is static; a coordinator makes an instance of it per saga, so remove 'static'", null);
        }
        else if (type.IsAbstract)
        {
            add(SagaProblemKind.CannotBeGenerated, $"Saga '{name}' is abstract; a coordinator makes an instance of it per saga, so remove 'abstract'", null);
        }

        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.TypeParameters.Length > 0)
            {
                add(SagaProblemKind.CannotBeGenerated, SymbolEqualityComparer.Default.Equals(current, type)
                    ? $"Saga '{name}' is generic; its log's name needs one concrete saga, so remove its type parameters"
                    : $"Saga '{name}' is nested in the generic type '{current.Name}'; declare it outside '{current.Name}'", null);
                break;
            }
        }

        reading.Name = attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as string ?? "" : "";
        string? nameProblem = reading.Name.Length == 0 ? "it is empty" : reading.Name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) ? "it contains white space" : null;
        if (nameProblem is not null)
        {
            add(SagaProblemKind.CannotBeGenerated, $"[Saga] on '{name}' has a name that cannot name its log 'saga-{{name}}-{{id}}': {nameProblem}; e.g. [Saga(\"checkout\")]", null);
        }
    }

    private static void CheckStepShape(string saga, SagaStepReading step, ITypeSymbol? data, Action<SagaProblemKind, string, ISymbol?> add)
    {
        var method = step.Method;
        string dataName = data is null ? "TData" : CompilerNames.Display(data);
        string shape = $"'Task {method.Name}({dataName} data, CancellationToken ct)' or 'Task<{dataName}> {method.Name}({dataName} data, CancellationToken ct)', with the data type of the saga's first step";
        bool returnsTask = IsTask(method.ReturnType);
        bool returnsData = data is not null && method.ReturnType is INamedTypeSymbol { IsGenericType: true } g
            && g.OriginalDefinition.ToDisplayString() == "System.Threading.Tasks.Task<TResult>"
            && SymbolEqualityComparer.Default.Equals(g.TypeArguments[0], data);
        bool takesData = data is not null && method.Parameters.Length > 0 && method.Parameters[0].RefKind == RefKind.None
            && SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, data);
        step.ReturnsData = returnsData;
        if (data is not null && !method.IsGenericMethod && (returnsTask || returnsData) && takesData && method.Parameters.Length == 1)
        {
            add(SagaProblemKind.MissingCancellationToken, $"Saga step '{method.Name}' of '{saga}' takes no CancellationToken, so a timeout or a stopping host cannot cancel it; add 'CancellationToken ct' after the data and pass it on", method);
            return;
        }

        bool fits = data is not null && !method.IsGenericMethod && (returnsTask || returnsData) && takesData
            && method.Parameters.Length == 2 && method.Parameters[1].RefKind == RefKind.None && IsCancellationToken(method.Parameters[1].Type);
        if (!fits)
        {
            add(SagaProblemKind.StepShape, "expected " + shape, method);
        }
    }

    private static void CheckCompensation(
        string saga, SagaStepReading step, string compensate, List<IMethodSymbol> methods, HashSet<string> stepNames, ITypeSymbol? data, Action<SagaProblemKind, string, ISymbol?> add)
    {
        string dataName = data is null ? "TData" : CompilerNames.Display(data);
        string shape = $"'Task {compensate}({dataName} data, CancellationToken ct)'";
        var candidates = methods.Where(m => m.Name == compensate).ToList();
        if (candidates.Count == 0)
        {
            add(SagaProblemKind.CompensationNotFound, $"Saga step '{step.Method.Name}' of '{saga}' names the compensation '{compensate}', which '{saga}' does not declare; add {shape}", step.Method);
            return;
        }

        if (stepNames.Contains(compensate))
        {
            add(SagaProblemKind.CompensationWrongShape, $"Saga step '{step.Method.Name}' of '{saga}' names the step '{compensate}' as its compensation; a compensation is a method of its own, {shape}", step.Method);
            return;
        }

        bool TakesData(IMethodSymbol m) => data is not null && m.Parameters.Length > 0 && m.Parameters[0].RefKind == RefKind.None && SymbolEqualityComparer.Default.Equals(m.Parameters[0].Type, data);
        var fitting = candidates.FirstOrDefault(m => !m.IsGenericMethod && IsTask(m.ReturnType) && TakesData(m)
            && m.Parameters.Length == 2 && m.Parameters[1].RefKind == RefKind.None && IsCancellationToken(m.Parameters[1].Type));
        if (fitting is not null)
        {
            step.Compensation = fitting;
            return;
        }

        var withoutToken = candidates.FirstOrDefault(m => !m.IsGenericMethod && IsTask(m.ReturnType) && TakesData(m) && m.Parameters.Length == 1);
        if (withoutToken is not null)
        {
            add(SagaProblemKind.MissingCancellationToken, $"Compensation '{compensate}' of saga '{saga}' takes no CancellationToken, so a timeout or a stopping host cannot cancel it; add 'CancellationToken ct' after the data and pass it on", withoutToken);
            return;
        }

        add(SagaProblemKind.CompensationWrongShape, $"Saga step '{step.Method.Name}' of '{saga}' names '{compensate}' as its compensation, which has another shape; expected {shape}", step.Method);
    }

    private static void CheckStartedBy(INamedTypeSymbol type, AttributeData attribute, SagaReading reading, List<IMethodSymbol> methods, Action<SagaProblemKind, string, ISymbol?> add)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == "StartedBy" && pair.Value.Value is ITypeSymbol started)
            {
                reading.StartedBy = started;
            }
        }

        if (reading.StartedBy is not { } trigger || reading.DataType is not { } data)
        {
            return;
        }

        bool fits = methods.Any(m => m.Name == StartMethodName && m.IsStatic && !m.IsGenericMethod
            && m.Parameters.Length == 1 && m.Parameters[0].RefKind == RefKind.None
            && SymbolEqualityComparer.Default.Equals(m.Parameters[0].Type, trigger)
            && SymbolEqualityComparer.Default.Equals(m.ReturnType, data));
        if (!fits)
        {
            add(SagaProblemKind.StartedByWithoutStart, $"Saga '{type.Name}' is started by '{CompilerNames.Display(trigger)}' but declares no 'static {CompilerNames.Display(data)} Start({CompilerNames.Display(trigger)} e)' to make its data from the event", null);
        }
    }

    /// <summary>A record whose instance properties are get-only or init-only and whose instance fields are readonly.</summary>
    private static bool IsImmutableRecord(ITypeSymbol type, out string why)
    {
        if (!type.IsRecord)
        {
            why = "it is not a record";
            return false;
        }

        foreach (var member in type.GetMembers())
        {
            if (member.IsStatic || member.IsImplicitlyDeclared)
            {
                continue;
            }

            if (member is IPropertySymbol { SetMethod: { IsInitOnly: false } } property)
            {
                why = $"its property '{property.Name}' has a setter";
                return false;
            }

            if (member is IFieldSymbol { IsReadOnly: false, IsConst: false, AssociatedSymbol: null } field)
            {
                why = $"its field '{field.Name}' is not readonly";
                return false;
            }
        }

        why = "";
        return true;
    }

    private static bool IsTask(ITypeSymbol type) => type.ToDisplayString() == "System.Threading.Tasks.Task";

    private static bool IsCancellationToken(ITypeSymbol type) => type.ToDisplayString() == "System.Threading.CancellationToken";

    private static AttributeData? Attribute(ISymbol symbol, string metadataName) =>
        symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == metadataName);

    private static string? NamedString(AttributeData attribute, string name) =>
        attribute.NamedArguments.Where(p => p.Key == name).Select(p => p.Value.Value as string).FirstOrDefault();

    private static int NamedInt(AttributeData attribute, string name) =>
        attribute.NamedArguments.Where(p => p.Key == name).Select(p => p.Value.Value is int v ? v : 0).FirstOrDefault();
}
