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
}
