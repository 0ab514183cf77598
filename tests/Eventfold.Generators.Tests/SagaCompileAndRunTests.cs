using Eventfold.Generators.Tests.Infrastructure;

namespace Eventfold.Generators.Tests;

/// <summary>The generated saga code compiled, loaded and run by a real coordinator on the in-memory store.</summary>
public sealed class SagaCompileAndRunTests
{
    private static readonly Lazy<CompiledSample> LazySample = new(() => CompiledSample.Load("Eventfold.SagaSample", SagaSamples.StartedByEvent));

    private static CompiledSample Sample => LazySample.Value;

    [Fact]
    public void Sample_compiles_without_errors_or_warnings()
    {
        Assert.Contains("Workflows+FulfilmentSaga.Saga.g.cs", Sample.Generated.Keys);
        Assert.Empty(Sample.Problems);
    }

    [Fact]
    public async Task The_generated_saga_runs_forward_with_the_data_each_step_returns()
    {
        var (status, log) = await Run("ok");

        Assert.Equal("Completed", status);
        Assert.Equal(["pick", "label:1", "pack", "dispatch:2"], log);
    }

    [Fact]
    public async Task A_failing_last_step_runs_the_compensations_in_reverse_order_with_their_steps_data_skipping_the_step_without_one()
    {
        var (status, log) = await Run("fail");

        Assert.Equal("Compensated", status);
        Assert.Equal(["pick", "label:1", "pack", "dispatch:2", "unpack:2", "unpick:1"], log);
    }

    [Fact]
    public void Static_members_describe_the_steps_the_start_and_the_state_machine()
    {
        var saga = Sample.Type("Workflows+FulfilmentSaga");
        var generic = typeof(SagaCompileAndRunTests).GetMethod(nameof(Describe), System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic)!
            .MakeGenericMethod(saga, Sample.Type("Fulfilment"));
        var (name, steps, startedBy, transitions) = ((string, IReadOnlyList<SagaStepInfo>, Type?, string))generic.Invoke(null, null)!;

        Assert.Equal("fulfilment", name);
        Assert.Equal(["Pick:10:Unpick", "Label:20:", "Pack:30:Unpack", "Dispatch:40:"], steps.Select(s => $"{s.Name}:{s.Order}:{s.Compensation}"));
        Assert.Equal(Sample.Type("SgOrderPlaced"), startedBy);
        Assert.Equal("after:Running/1,Running/2,Running/3,Completed/-1 failed:Compensated/-1,Compensating/0,Compensating/0,Compensating/2 compensated:Compensated/-1,Compensating/0", transitions);
    }

    [Fact]
    public void The_diagram_draws_every_transition_of_the_state_machine()
    {
        string diagram = (string)Sample.Type("Workflows+FulfilmentSaga").GetField("Diagram")!.GetValue(null)!;

        Assert.Equal(
            """
            stateDiagram-v2
                [*] --> Pick
                Pick --> Label
                Label --> Pack
                Pack --> Dispatch
                Dispatch --> Completed
                Pick --> Compensated : fails
                Label --> Unpick : fails
                Pack --> Unpick : fails
                Dispatch --> Unpack : fails
                Unpack --> Unpick
                Unpack --> CompensationFailed : fails
                Unpick --> Compensated
                Unpick --> CompensationFailed : fails
                Completed --> [*]
                Compensated --> [*]
                CompensationFailed --> [*]

            """.ReplaceLineEndings("\n"),
            diagram);
    }

    private static (string, IReadOnlyList<SagaStepInfo>, Type?, string) Describe<TSaga, TData>()
        where TSaga : class, ISaga<TData>
        where TData : notnull
    {
        static string S(SagaState s) => s.Phase + "/" + s.Step;
        string transitions = "after:" + string.Join(",", Enumerable.Range(0, 4).Select(i => S(TSaga.AfterStep(i))))
            + " failed:" + string.Join(",", Enumerable.Range(0, 4).Select(i => S(TSaga.AfterStepFailed(i))))
            + " compensated:" + string.Join(",", new[] { 0, 2 }.Select(i => S(TSaga.AfterCompensation(i))));
        return (TSaga.SagaName, TSaga.Steps, TSaga.StartedBy, transitions);
    }

    private static async Task<(string Status, List<string> Log)> Run(string orderId)
    {
        var saga = Sample.Type("Workflows+FulfilmentSaga");
        var data = Sample.Type("Fulfilment");
        var log = new List<string>();
        var run = typeof(SagaCompileAndRunTests).GetMethod(nameof(RunGeneric), System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic)!
            .MakeGenericMethod(saga, data);
        var start = Sample.New("SgOrderPlaced", orderId, 1m);
        var status = await (Task<SagaStatus>)run.Invoke(null, [start, (Func<object>)(() => Activator.CreateInstance(saga, log)!)])!;
        return (status.ToString(), log);
    }

    private static async Task<SagaStatus> RunGeneric<TSaga, TData>(object trigger, Func<object> create)
        where TSaga : class, ISaga<TData>
        where TData : notnull
    {
        await using var store = new InMemoryEventStore();
        var coordinator = new SagaCoordinator<TSaga, TData>(store, () => (TSaga)create(), new SagaCoordinatorOptions { RetryDelay = TimeSpan.Zero, MaxRetryDelay = TimeSpan.Zero });
        var result = await coordinator.RunAsync("s-1", TSaga.Start(trigger));
        return result.Status;
    }
}
