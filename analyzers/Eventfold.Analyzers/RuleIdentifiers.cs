namespace Eventfold.Analyzers;

/// <summary>
/// The diagnostic IDs. They are fixed forever: a retired rule keeps its number and a new rule takes
/// the next free one, whatever order they are declared in.
/// </summary>
internal static class RuleIdentifiers
{
    public const string MutableEvent = "EVF001";
    public const string RaiseWithoutApply = "EVF003";
    public const string DuplicateEventNameAndVersion = "EVF004";
    public const string TypeMustBePartial = "EVF006";
    public const string UnusableHandlerShape = "EVF008";
    public const string RaiseInsideApply = "EVF009";
}
