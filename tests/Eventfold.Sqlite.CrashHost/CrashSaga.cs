using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Eventfold.Sqlite.CrashHost;

/// <summary>What the crash host's saga carries; orders marked <see cref="FailShip"/> fail their last step and are compensated.</summary>
public sealed record CrashOrder(string OrderId, bool FailShip, string? PaymentId = null);

/// <summary>
/// A three-step saga whose every step and compensation applies a side effect in <see cref="SagaEffects"/>,
/// deduplicated by its idempotency key, and may kill its own process at a chosen point.
/// Compiled into the tests too (linked file), to read the sagas' outcomes.
/// </summary>
/// <summary>The event that starts a crash saga when the host runs the sagas from the log (mode <c>saga-runner</c>).</summary>
[Event("crash.order-placed")]
public sealed record CrashOrderPlaced(string OrderId, bool FailShip);

[Saga("crash-checkout", StartedBy = typeof(CrashOrderPlaced))]
public sealed partial class CrashSaga(SagaEffects effects)
{
    private static CrashOrder Start(CrashOrderPlaced e) => new(e.OrderId, e.FailShip);

    [Step(1, Compensate = nameof(Release))]
    private Task Reserve(CrashOrder o, CancellationToken ct) => effects.ApplyAsync(nameof(Reserve), ct);

    private Task Release(CrashOrder o, CancellationToken ct) => effects.ApplyAsync(nameof(Release), ct);

    [Step(2, Compensate = nameof(Refund))]
    private async Task<CrashOrder> Charge(CrashOrder o, CancellationToken ct)
    {
        await effects.ApplyAsync(nameof(Charge), ct);
        return o with { PaymentId = "pay-" + o.OrderId };
    }

    // Refunding needs the payment Charge left in the data: a compensation resumed with the wrong data fails here.
    private Task Refund(CrashOrder o, CancellationToken ct) =>
        o.PaymentId == "pay-" + o.OrderId ? effects.ApplyAsync(nameof(Refund), ct) : throw new InvalidOperationException($"Refund of {o.OrderId} without its payment");

    [Step(3)]
    private Task Ship(CrashOrder o, CancellationToken ct) =>
        o.FailShip ? throw new InvalidOperationException("no courier for " + o.OrderId) : effects.ApplyAsync(nameof(Ship), ct);
}

/// <summary>
/// The side effects of the crash sagas in a SQLite file of their own: each applied at most once per idempotency
/// key (the primary key), and every execution counted, duplicates included. A kill point ends the process
/// abruptly the n-th time a method runs: before its effect, or after it (before the saga logs it).
/// </summary>
public sealed class SagaEffects : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly string _writer;
    private readonly string? _killWhen;
    private readonly string? _killMethod;
    private readonly int _killAt;
    private int _calls;

    public SagaEffects(string path, string writer, string killAt = "none")
    {
        _writer = writer;
        _connection = new SqliteConnection($"Data Source={path};Pooling=False");
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA busy_timeout=30000;");
        Execute("CREATE TABLE IF NOT EXISTS effects (key TEXT PRIMARY KEY, writer TEXT NOT NULL)");
        Execute("CREATE TABLE IF NOT EXISTS executions (key TEXT NOT NULL, writer TEXT NOT NULL)");
        if (killAt != "none")
        {
            var parts = killAt.Split(':');
            (_killWhen, _killMethod, _killAt) = (parts[0], parts[1], int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public async Task ApplyAsync(string method, CancellationToken ct)
    {
        await Task.Yield();
        string key = SagaStepContext.Current?.IdempotencyKey ?? throw new InvalidOperationException("a saga step runs without its context");
        bool killHere = method == _killMethod && Interlocked.Increment(ref _calls) == _killAt;
        if (killHere && _killWhen == "before")
        {
            Die();
        }

        lock (_connection)
        {
            Execute("INSERT OR IGNORE INTO effects (key, writer) VALUES ($key, $writer)", key);
            Execute("INSERT INTO executions (key, writer) VALUES ($key, $writer)", key);
        }

        if (killHere && _killWhen == "after")
        {
            Die();
        }
    }

    /// <summary>Every applied effect's key.</summary>
    public List<string> AppliedKeys() => Query("SELECT key FROM effects ORDER BY key");

    /// <summary>How many times each key's effect was executed, duplicates included.</summary>
    public List<string> ExecutedKeys() => Query("SELECT key FROM executions");

    public void Dispose() => _connection.Dispose();

    private static void Die()
    {
        Console.Out.Flush();
        Process.GetCurrentProcess().Kill();
        Thread.Sleep(Timeout.Infinite);
    }

    private List<string> Query(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var keys = new List<string>();
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    private void Execute(string sql, string? key = null)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        if (key is not null)
        {
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$writer", _writer);
        }

        command.ExecuteNonQuery();
    }
}
