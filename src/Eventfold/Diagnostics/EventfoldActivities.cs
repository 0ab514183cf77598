using System.Diagnostics;

namespace Eventfold;

/// <summary>
/// The ActivitySource every Eventfold component traces through (names in docs/observability.md). With no
/// listener, starting an activity returns null and costs a check, so hot paths stay allocation-free.
/// </summary>
public static class EventfoldActivities
{
    public const string SourceName = "Eventfold";

    internal static readonly ActivitySource Source = new(SourceName);
}
