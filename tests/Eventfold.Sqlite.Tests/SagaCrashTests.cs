using System.Text.Json;
using Eventfold.Sqlite.CrashHost;

namespace Eventfold.Sqlite.Tests;

/// <summary>
/// Sagas in a real child process on a SQLite file, killed at every dangerous point and at random times, then
/// recovered by the next process; and two processes recovering the same sagas at once. Every saga must end
/// Completed or Compensated, with each side effect (deduplicated by its idempotency key) applied exactly once.
/// </summary>
public sealed class SagaCrashTests : IDisposable
{
    private const int Sagas = 12;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private string EffectsPath => Path.Combine(_db.Folder, "effects.db");

    [Theory]
    [InlineData("before:Charge:3")]  // before a step
    [InlineData("after:Charge:3")]   // after a step's side effect, before its log entry
    [InlineData("after:Reserve:6")]
    [InlineData("after:Ship:2")]     // after the last step's side effect, before the saga's end is logged
    [InlineData("before:Refund:2")]  // after a step failed, before its compensation
    [InlineData("after:Refund:1")]   // in the middle of compensation: effect applied, not logged
    [InlineData("before:Release:2")] // between two compensations
    [InlineData("after:Release:3")]  // after the last compensation's effect
    public async Task A_process_killed_at_a_dangerous_point_is_recovered_by_the_next_and_every_effect_applies_once(string killAt)
    {
        await using (var killed = CrashHostProcess.Sagas(_db.Path, EffectsPath, Sagas, killAt))
        {
            await killed.WaitForExitAsync(RunTimeout);
            Assert.False(killed.Output.Contains("done", StringComparison.Ordinal), $"the host was not killed at {killAt}:\n{killed.Output}");
        }

        await RunToTheEnd();

        await AssertEverySagaEndedWithItsEffectsOnce();
        if (killAt.StartsWith("after", StringComparison.Ordinal))
        {
            // The effect applied before the kill ran again on recovery, and its key kept it to once.
            using var effects = new SagaEffects(EffectsPath, "check");
            var executed = effects.ExecutedKeys();
            Assert.True(executed.Count > executed.Distinct().Count(), "the step killed after its effect was not run again on recovery");
        }
    }

    [Fact]
    public async Task Many_processes_killed_at_random_times_leave_every_saga_ended_with_its_effects_once()
    {
        var random = new Random();
        for (int round = 0; round < 6; round++)
        {
            await using var host = CrashHostProcess.Sagas(_db.Path, EffectsPath, Sagas * 3, "none");
            await host.WaitUntilReadyAsync(StartTimeout);
            await Task.Delay(random.Next(20, 250));
            if (!host.HasExited)
            {
                await host.KillAsync();
            }
        }

        await RunToTheEnd(Sagas * 3);

        await AssertEverySagaEndedWithItsEffectsOnce(Sagas * 3);
    }

    [Fact]
    public async Task Two_processes_recovering_the_same_sagas_never_both_advance_one()
    {
        const int sagas = 40;
        await using (var store = new SqliteEventStore(_db.Path))
        {
            for (int i = 0; i < sagas; i++)
            {
                var data = JsonSerializer.SerializeToElement(new CrashOrder($"o-{i}", FailShip: i % 4 == 3), new JsonSerializerOptions(JsonSerializerDefaults.Web));
                await store.AppendAsync($"saga-crash-checkout-c-{i}", ExpectedVersion.NoStream, new object[] { new SagaStarted("crash-checkout", data) });
            }
        }

        string goFile = Path.Combine(_db.Folder, "go");
        await using var first = CrashHostProcess.SagaRace(_db.Path, EffectsPath, "A", goFile);
        await using var second = CrashHostProcess.SagaRace(_db.Path, EffectsPath, "B", goFile);
        await Task.WhenAll(first.WaitUntilReadyAsync(StartTimeout), second.WaitUntilReadyAsync(StartTimeout));
        await File.WriteAllTextAsync(goFile, "go");
        await Task.WhenAll(first.WaitForExitAsync(RunTimeout), second.WaitForExitAsync(RunTimeout));
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.True(second.ExitCode == 0, second.Output);

        await AssertEverySagaEndedWithItsEffectsOnce(sagas);
        using var effects = new SagaEffects(EffectsPath, "check");
        var writers = ReadWriters();
        Assert.True(writers.Contains("A") && writers.Contains("B"), $"both processes should have advanced sagas; writers: {string.Join(",", writers)}");
    }

    private async Task RunToTheEnd(int sagas = Sagas)
    {
        await using var finisher = CrashHostProcess.Sagas(_db.Path, EffectsPath, sagas, "none");
        await finisher.WaitForExitAsync(RunTimeout);
        Assert.True(finisher.ExitCode == 0 && finisher.Output.Contains("done", StringComparison.Ordinal), finisher.Output);
    }

    private async Task AssertEverySagaEndedWithItsEffectsOnce(int sagas = Sagas)
    {
        await using var store = new SqliteEventStore(_db.Path);
        var coordinator = new SagaCoordinator<CrashSaga, CrashOrder>(store, () => throw new InvalidOperationException("only reading"));
        var expected = new List<string>();
        for (int i = 0; i < sagas; i++)
        {
            string id = $"c-{i}";
            var history = await coordinator.GetHistoryAsync(id);
            Assert.NotNull(history);
            bool fails = i % 4 == 3;
            Assert.Equal(fails ? SagaPhase.Compensated : SagaPhase.Completed, history.State.Phase);

            // The log advanced once per transition: versions in a row, each step and compensation logged once.
            Assert.Equal(Enumerable.Range(0, history.Log.Count).Select(v => (long)v), history.Log.Select(e => e.Version));
            var completed = history.Log.Select(e => e.Event).OfType<SagaStepCompleted>().Select(c => c.Name).ToArray();
            Assert.Equal(fails ? ["Reserve", "Charge"] : ["Reserve", "Charge", "Ship"], completed);
            var compensated = history.Log.Select(e => e.Event).OfType<SagaCompensationCompleted>().Select(c => c.Name).ToArray();
            Assert.Equal(fails ? ["Refund", "Release"] : [], compensated);
            Assert.Single(history.Log, e => e.Event is SagaEnded);

            foreach (string step in completed)
            {
                expected.Add(SagaStepContext.KeyFor("crash-checkout", id, step, isCompensation: false));
            }

            foreach (string compensation in compensated)
            {
                expected.Add(SagaStepContext.KeyFor("crash-checkout", id, compensation, isCompensation: true));
            }
        }

        using var effects = new SagaEffects(EffectsPath, "check");
        Assert.Equal(expected.Order(StringComparer.Ordinal), effects.AppliedKeys().Order(StringComparer.Ordinal));
    }

    private List<string> ReadWriters()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={EffectsPath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT writer FROM effects";
        using var reader = command.ExecuteReader();
        var writers = new List<string>();
        while (reader.Read())
        {
            writers.Add(reader.GetString(0));
        }

        return writers;
    }
}
