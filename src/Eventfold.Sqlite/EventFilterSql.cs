using System.Text;

namespace Eventfold.Sqlite;

/// <summary>An <see cref="EventFilter"/> as a SQL condition, so the file returns only matching rows.</summary>
internal sealed class EventFilterSql
{
    private static readonly EventFilterSql MatchAll = new(string.Empty, string.Empty, [], matchesNothing: false);
    private static readonly EventFilterSql MatchNothing = new(string.Empty, string.Empty, [], matchesNothing: true);

    private EventFilterSql(string condition, string scanCondition, IReadOnlyList<KeyValuePair<string, object>> parameters, bool matchesNothing)
    {
        Condition = condition;
        ScanCondition = scanCondition;
        Parameters = parameters;
        MatchesNothing = matchesNothing;
    }

    /// <summary>Text to append to a WHERE clause: empty, or starting with " AND ".</summary>
    public string Condition { get; }

    /// <summary>
    /// The same condition with the event-name index ruled out (<c>+event_name</c>), so SQLite walks the log in
    /// position order and tests each row's name: see <see cref="FilteredReadPlan"/> for when that is cheaper.
    /// </summary>
    public string ScanCondition { get; }

    /// <summary>True when the condition names event names, so the choice between index and scan exists.</summary>
    public bool HasNames => !ReferenceEquals(Condition, ScanCondition);

    public IReadOnlyList<KeyValuePair<string, object>> Parameters { get; }

    /// <summary>True when an empty list in the filter rules out every event.</summary>
    public bool MatchesNothing { get; }

    public static EventFilterSql From(EventFilter? filter)
    {
        if (filter is null)
        {
            return MatchAll;
        }

        var names = filter.EventNames?.Where(n => n is not null).Distinct(StringComparer.Ordinal).ToArray();
        var prefixes = filter.StreamPrefixes?.Where(p => p is not null).Distinct(StringComparer.Ordinal).ToArray();
        if (names is { Length: 0 } || prefixes is { Length: 0 })
        {
            return MatchNothing;
        }

        if (prefixes is not null && prefixes.Contains(string.Empty))
        {
            prefixes = null;
        }

        if (names is null && prefixes is null)
        {
            return MatchAll;
        }

        var sql = new StringBuilder();
        var parameters = new List<KeyValuePair<string, object>>();
        const string NameColumn = " AND event_name IN (";
        if (names is not null)
        {
            sql.Append(NameColumn);
            for (int i = 0; i < names.Length; i++)
            {
                string name = $"$name{i}";
                sql.Append(i == 0 ? name : ", " + name);
                parameters.Add(new(name, names[i]));
            }

            sql.Append(')');
        }

        if (prefixes is not null)
        {
            // Compared as UTF-8 bytes: a byte prefix is exactly an ordinal prefix, whatever the characters.
            sql.Append(" AND (");
            for (int i = 0; i < prefixes.Length; i++)
            {
                byte[] bytes = Encoding.UTF8.GetBytes(prefixes[i]);
                string name = $"$prefix{i}";
                sql.Append(i == 0 ? string.Empty : " OR ")
                    .Append("substr(CAST(stream AS BLOB), 1, ").Append(bytes.Length).Append(") = ").Append(name);
                parameters.Add(new(name, bytes));
            }

            sql.Append(')');
        }

        string condition = sql.ToString();
        string scanCondition = names is null ? condition : condition.Replace(NameColumn, " AND +event_name IN (", StringComparison.Ordinal);
        return new EventFilterSql(condition, scanCondition, parameters, matchesNothing: false);
    }
}
