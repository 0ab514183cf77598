namespace Eventfold.Sqlite;

/// <summary>
/// How to read the next page of the global log filtered by event names. Through the names' index
/// (<c>event_name, position</c>) SQLite reads only matching rows, but with more than one name it has to sort
/// them by position, and it looks each one up in the table. When most rows match, walking the table in
/// position order and testing each name is far cheaper (profiled: a projection of every event type in the
/// log spent more in that sort than in everything else it added to the plain read). Each page's density
/// of matches decides the next page's plan, so a dense stretch of the log is scanned and a sparse one looked up.
/// </summary>
internal static class FilteredReadPlan
{
    /// <summary>At least one matching row in this many positions makes a scan the cheaper plan.</summary>
    private const int DenseOneIn = 4;

    /// <summary>
    /// True when the page just read (<paramref name="rows"/> matches from <paramref name="firstPosition"/> to
    /// <paramref name="lastPosition"/>) was dense enough for the next one to be read by scanning.
    /// </summary>
    public static bool ScanNextPage(int rows, long firstPosition, long lastPosition) =>
        rows > 0 && (lastPosition - firstPosition + 1) <= (long)rows * DenseOneIn;
}
