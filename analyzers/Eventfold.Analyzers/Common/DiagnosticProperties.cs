namespace Eventfold.Analyzers.Common;

/// <summary>Keys and values the analyzers put in a diagnostic's properties to tell the code fixes what to change.</summary>
internal static class DiagnosticProperties
{
    public const string Fix = "Fix";
    public const string ReplacementType = "ReplacementType";

    public const string FixSetterToInit = "SetterToInit";
    public const string FixFieldToReadonly = "FieldToReadonly";
    public const string FixReadOnlyCollection = "ReadOnlyCollection";
    public const string FixReadonlyRecordStruct = "ReadonlyRecordStruct";

    /// <summary>EVF011/EVF013: the modifier keyword to remove ("static", "abstract", "required").</summary>
    public const string FixRemoveModifier = "RemoveModifier";
    public const string Modifier = "Modifier";

    /// <summary>EVF012: add a private parameterless constructor (offered when the type has no primary constructor).</summary>
    public const string FixAddConstructor = "AddConstructor";
}
