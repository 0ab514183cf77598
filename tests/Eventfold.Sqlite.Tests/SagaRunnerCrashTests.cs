using Eventfold.Sqlite.CrashHost;

namespace Eventfold.Sqlite.Tests;

/// <summary>
/// Event-triggered sagas run by a saga runner in a child process that is killed after handling triggers and
/// before checkpointing them, in the middle of sagas; the next process re-reads the triggers. Every trigger must
/// have started exactly one saga, ended, with each side effect (deduplicated by its key) applied exactly once.
/// </summary>
public sealed class SagaRunnerCrashTests : IDisposable
{
    private const int Triggers = 12;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private string EffectsPath => Path.Combine(_db.Folder, "effects.db");

    [Theory]
    [InlineData("after:Reserve:7")]  // a step's effect applied, not logged; earlier triggers handled, none checkpointed
    [InlineData("before:Charge:9")]
    [InlineData("after:Ship:5")]     // the last step's effect applied, the saga's end not logged
    [InlineData("after:Refund:2")]   // in the middle of a compensation
    public async Task A_runner_killed_before_its_checkpoint_starts_no_saga_twice_and_applies_every_effect_once(string killAt)
    {
        await PlaceOrdersAsync();
        await using (var killed = CrashHostProcess.SagaRunner(_db.Path, EffectsPath, killAt))
        {
            await killed.WaitForExitAsync(RunTimeout);
            Assert.False(killed.Output.Contains("done", StringComparison.Ordinal), $"the host was not killed at {killAt}:\n{killed.Output}");
        }

        await RunToTheEndAsync();

        await AssertOneSagaPerTriggerWithItsEffectsOnceAsync();
    }

    [Fact]
    public async Task Runners_killed_at_random_times_and_a_rerun_from_the_start_leave_one_saga_per_trigger()
    {
        await PlaceOrdersAsync();
        var random = new Random();
        for (int round = 0; round < 4; round++)
        {
            await using var host = CrashHostProcess.SagaRunner(_db.Path, EffectsPath, "none");
            await host.WaitUntilReadyAsync(StartTimeout);
            await Task.Delay(random.Next(20, 250));
            if (!host.HasExited)
            {
                await host.KillAsync();
            }
        }

        await RunToTheEndAsync();
        // Forget the checkpoint: a run from the start re-delivers every trigger, and starts nothing.
        await using (var store = new SqliteEventStore(_db.Path))
        {
            await store.DeleteCheckpointAsync(SagaRunner<CrashSaga, CrashOrder>.CheckpointName);
        }

        await RunToTheEndAsync();

        await AssertOneSagaPerTriggerWithItsEffectsOnceAsync();
    }

    private async Task PlaceOrdersAsync()
    {
        await using var store = new SqliteEventStore(_db.Path);
        for (int i = 0; i < Triggers; i++)
        {
            await store.AppendAsync($"order-{i}", ExpectedVersion.NoStream, [EventData.From(new CrashOrderPlaced($"o-{i}", FailShip: i % 4 == 3))]);
        }
    }

    private async Task RunToTheEndAsync()
    {
        await using var finisher = CrashHostProcess.SagaRunner(_db.Path, EffectsPath, "none");
        await finisher.WaitForExitAsync(RunTimeout);
        Assert.True(finisher.ExitCode == 0 && finisher.Output.Contains("done", StringComparison.Ordinal), finisher.Output);
    }

    private async Task AssertOneSagaPerTriggerWithItsEffectsOnceAsync()
    {
        await using var store = new SqliteEventStore(_db.Path);
        string prefix = SagaCoordinator<CrashSaga, CrashOrder>.StreamOf("");
        var started = await store.ReadAllAsync(GlobalPosition.Start, new EventFilter { EventNames = ["eventfold.saga.started"], StreamPrefixes = [prefix] })
            .Select(e => e.Stream[prefix.Length..]).ToListAsync();
        Assert.Equal(Enumerable.Range(0, Triggers).Select(i => $"order-{i}@0").Order(StringComparer.Ordinal), started.Order(StringComparer.Ordinal));

        var coordinator = new SagaCoordinator<CrashSaga, CrashOrder>(store, () => throw new InvalidOperationException("only reading"));
        var expected = new List<string>();
        for (int i = 0; i < Triggers; i++)
        {
            string id = $"order-{i}@0";
            var history = await coordinator.GetHistoryAsync(id);
            Assert.NotNull(history);
            bool fails = i % 4 == 3;
            Assert.Equal(fails ? SagaPhase.Compensated : SagaPhase.Completed, history.State.Phase);
            string[] steps = fails ? ["Reserve", "Charge"] : ["Reserve", "Charge", "Ship"];
            Assert.Equal(steps, history.Log.Select(e => e.Event).OfType<SagaStepCompleted>().Select(c => c.Name));
            expected.AddRange(steps.Select(s => SagaStepContext.KeyFor("crash-checkout", id, s, isCompensation: false)));
            if (fails)
            {
                expected.Add(SagaStepContext.KeyFor("crash-checkout", id, "Refund", isCompensation: true));
                expected.Add(SagaStepContext.KeyFor("crash-checkout", id, "Release", isCompensation: true));
            }
        }

        using var effects = new SagaEffects(EffectsPath, "check");
        Assert.Equal(expected.Order(StringComparer.Ordinal), effects.AppliedKeys().Order(StringComparer.Ordinal));
    }
}
