using Microsoft.Data.Sqlite;

namespace Eventfold.Sqlite;

/// <summary>
/// The store keeps the events its projection runners park in the same file (table <c>parked_events</c>), so
/// a parked event survives a restart with the checkpoint that passed it. These are rare administrative
/// writes and reads: they run on the write connection, between appends.
/// </summary>
public sealed partial class SqliteEventStore
{
    public Task ParkAsync(ParkedEvent parked, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(parked);
        return WriteAsync($"Parking '{parked.EventName}' of stream '{parked.Stream}' version {parked.Version} for projection '{parked.Projection}'", () =>
        {
            using var command = ParkedCommand("""
                INSERT INTO parked_events (projection, commit_position, prepare_position, stream, version, event_id, event_name, error, attempts, parked_at)
                VALUES ($projection, $commit, $prepare, $stream, $version, $id, $name, $error, $attempts, $at)
                ON CONFLICT (projection, commit_position, prepare_position) DO UPDATE SET
                    error = excluded.error, attempts = excluded.attempts, parked_at = excluded.parked_at;
                """);
            command.Parameters.AddWithValue("$projection", parked.Projection);
            command.Parameters.AddWithValue("$commit", (long)parked.Position.Commit);
            command.Parameters.AddWithValue("$prepare", (long)parked.Position.Prepare);
            command.Parameters.AddWithValue("$stream", parked.Stream);
            command.Parameters.AddWithValue("$version", parked.Version);
            command.Parameters.AddWithValue("$id", parked.EventId.ToByteArray());
            command.Parameters.AddWithValue("$name", parked.EventName);
            command.Parameters.AddWithValue("$error", parked.Error);
            command.Parameters.AddWithValue("$attempts", parked.Attempts);
            command.Parameters.AddWithValue("$at", parked.ParkedAt.UtcTicks);
            return command.ExecuteNonQuery();
        }, ct);
    }

    public Task<IReadOnlyList<ParkedEvent>> ListAsync(string projection, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(projection);
        return WriteAsync<IReadOnlyList<ParkedEvent>>($"Listing the parked events of projection '{projection}'", () =>
        {
            using var command = ParkedCommand("""
                SELECT commit_position, prepare_position, stream, version, event_id, event_name, error, attempts, parked_at
                FROM parked_events WHERE projection = $projection ORDER BY commit_position, prepare_position;
                """);
            command.Parameters.AddWithValue("$projection", projection);
            var result = new List<ParkedEvent>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                result.Add(new ParkedEvent(
                    projection,
                    reader.GetString(2),
                    reader.GetInt64(3),
                    new GlobalPosition((ulong)reader.GetInt64(0), (ulong)reader.GetInt64(1)),
                    new Guid((byte[])reader[4]),
                    reader.GetString(5),
                    reader.GetString(6),
                    reader.GetInt32(7),
                    new DateTimeOffset(reader.GetInt64(8), TimeSpan.Zero)));
            }

            return result;
        }, ct);
    }

    public Task<bool> RemoveAsync(string projection, GlobalPosition position, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(projection);
        return WriteAsync($"Removing the event parked at {position} for projection '{projection}'", () =>
        {
            using var command = ParkedCommand("DELETE FROM parked_events WHERE projection = $projection AND commit_position = $commit AND prepare_position = $prepare;");
            command.Parameters.AddWithValue("$projection", projection);
            command.Parameters.AddWithValue("$commit", (long)position.Commit);
            command.Parameters.AddWithValue("$prepare", (long)position.Prepare);
            return command.ExecuteNonQuery() > 0;
        }, ct);
    }

    private SqliteCommand ParkedCommand(string sql)
    {
        var command = _appender.Connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = _connections.CommandTimeoutSeconds;
        return command;
    }
}
