namespace Eventfold.Analyzers;

internal static class DiagnosticCategories
{
    public const string Design = "Eventfold.Design";
    public const string Usage = "Eventfold.Usage";
}
