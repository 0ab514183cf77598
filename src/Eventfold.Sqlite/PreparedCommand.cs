using Microsoft.Data.Sqlite;

namespace Eventfold.Sqlite;

/// <summary>Creates the prepared statements the store's write connection reuses for every call.</summary>
internal static class PreparedCommand
{
    public static SqliteCommand Create(SqliteConnection connection, string sql, int timeoutSeconds, params string[] parameterNames)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = timeoutSeconds;
        foreach (string name in parameterNames)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }
}
