using Microsoft.Data.Sqlite;

namespace Eventfold.Sqlite;

/// <summary>
/// Reads and writes lease rows (projection, owner, token, expires in UTC ticks) in a table of that shape: the
/// store's <c>leases</c> or a read model's <c>eventfold_leases</c>. Called inside the caller's write transaction.
/// </summary>
internal static class SqliteLeaseRows
{
    public static ProjectionLease? Read(SqliteConnection connection, string table, string projection, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT owner, token, expires FROM {table} WHERE projection = $projection;";
        command.Parameters.AddWithValue("$projection", projection);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new ProjectionLease(projection, reader.GetString(0), reader.GetInt64(1), new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero))
            : null;
    }

    public static void Write(SqliteConnection connection, string table, ProjectionLease lease, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            INSERT INTO {table} (projection, owner, token, expires) VALUES ($projection, $owner, $token, $expires)
            ON CONFLICT (projection) DO UPDATE SET owner = excluded.owner, token = excluded.token, expires = excluded.expires;
            """;
        Bind(command, lease);
        command.ExecuteNonQuery();
    }

    /// <summary>Replaces the row with <paramref name="next"/> when it still holds <paramref name="held"/>'s owner and token.</summary>
    public static bool UpdateIfHeld(SqliteConnection connection, string table, ProjectionLease held, ProjectionLease next, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            UPDATE {table} SET owner = $owner, expires = $expires
            WHERE projection = $projection AND owner = $heldOwner AND token = $token;
            """;
        Bind(command, next);
        command.Parameters.AddWithValue("$heldOwner", held.Owner);
        command.Parameters["$token"].Value = held.Token;
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>The row a released lease leaves: no owner, the token kept so the next one follows it.</summary>
    public static ProjectionLease Released(ProjectionLease lease) => lease with { Owner = "", ExpiresAt = new DateTimeOffset(0, TimeSpan.Zero) };

    private static void Bind(SqliteCommand command, ProjectionLease lease)
    {
        command.Parameters.AddWithValue("$projection", lease.Projection);
        command.Parameters.AddWithValue("$owner", lease.Owner);
        command.Parameters.AddWithValue("$token", lease.Token);
        command.Parameters.AddWithValue("$expires", lease.ExpiresAt.UtcTicks);
    }
}
