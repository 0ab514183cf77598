using Microsoft.CodeAnalysis;

namespace Eventfold.Analyzers;

/// <summary>Every diagnostic the Eventfold analyzers report; each has a page under docs/diagnostics/.</summary>
internal static class DiagnosticDescriptors
{
    private const string HelpLinkFormat = "https://github.com/eventfold/eventfold/blob/main/docs/diagnostics/{0}.md";

    public static readonly DiagnosticDescriptor MutableEvent = Create(
        RuleIdentifiers.MutableEvent,
        title: "Event types must be immutable",
        messageFormat: "Event '{0}' is mutable: {1}",
        DiagnosticCategories.Design,
        DiagnosticSeverity.Warning,
        description: "An event records something that happened; once stored it never changes. A settable property, a non-readonly field or a mutable collection lets code change an event after it was raised, so what is applied, stored and replayed can differ.");

    public static readonly DiagnosticDescriptor RaiseWithoutApply = Create(
        RuleIdentifiers.RaiseWithoutApply,
        title: "Raised event has no Apply method",
        messageFormat: "Aggregate '{0}' raises '{1}' but has no 'Apply({1})' method, so the event changes no state when raised or replayed",
        DiagnosticCategories.Design,
        DiagnosticSeverity.Warning,
        description: "Raise applies the event at once and keeps it for saving; loading replays it through the Apply methods. Without an Apply method for the event's type the aggregate's state ignores it.");

    public static readonly DiagnosticDescriptor DuplicateEventNameAndVersion = Create(
        RuleIdentifiers.DuplicateEventNameAndVersion,
        title: "Two event types share a name and version",
        messageFormat: "Event '{0}' is stored as '{1}' version {2}, as is '{3}'; each name and version must belong to one type",
        DiagnosticCategories.Design,
        DiagnosticSeverity.Error,
        description: "The stored name and schema version pick the type an event is read back as. Two types with the same pair make reading ambiguous.",
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor TypeMustBePartial = Create(
        RuleIdentifiers.TypeMustBePartial,
        title: "Type with an Eventfold attribute must be partial",
        messageFormat: "{0} must be declared 'partial' so that the source generator can add members to the [{1}] type '{2}'",
        DiagnosticCategories.Usage,
        DiagnosticSeverity.Error,
        description: "The generators add members to aggregates, projections, sagas, state replicas and bounded dispatchers in a second part of the type, which needs the type and every type it is nested in to be partial.");

    public static readonly DiagnosticDescriptor UnusableHandlerShape = Create(
        RuleIdentifiers.UnusableHandlerShape,
        title: "Handler method has a shape the generator cannot use",
        messageFormat: "'{0}' cannot be used as {1}: expected {2}",
        DiagnosticCategories.Usage,
        DiagnosticSeverity.Error,
        description: "The generators call Apply, On, Handle, saga step and upcaster methods directly; a method of another shape would be skipped or produce code that does not compile.");

    public static readonly DiagnosticDescriptor RaiseInsideApply = Create(
        RuleIdentifiers.RaiseInsideApply,
        title: "Raise called inside an Apply method",
        messageFormat: "'Raise' is called inside '{0}'; Apply methods run again on every replay, so this would raise the event again each time the aggregate is loaded",
        DiagnosticCategories.Design,
        DiagnosticSeverity.Warning,
        description: "Apply methods only change state from an event that already happened. Decisions that raise events belong in the command methods that call Raise.");

    private static DiagnosticDescriptor Create(
        string id,
        string title,
        string messageFormat,
        string category,
        DiagnosticSeverity severity,
        string description,
        params string[] customTags) =>
        new(
            id,
            title,
            messageFormat,
            category,
            severity,
            isEnabledByDefault: true,
            description: description,
            helpLinkUri: string.Format(System.Globalization.CultureInfo.InvariantCulture, HelpLinkFormat, id),
            customTags: customTags);
}
