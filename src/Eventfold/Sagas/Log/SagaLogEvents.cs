using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Eventfold;

/// <summary>A saga began with <paramref name="Data"/> (the data's JSON).</summary>
public sealed record SagaStarted(string Saga, JsonElement Data);

/// <summary>The step at <paramref name="Step"/> completed; <paramref name="Data"/> is the data after it.</summary>
public sealed record SagaStepCompleted(int Step, string Name, JsonElement Data);

/// <summary>The step at <paramref name="Step"/> failed for good after <paramref name="Attempts"/> attempts (or timed out).</summary>
public sealed record SagaStepFailed(int Step, string Name, int Attempts, string ErrorType, string Error);

/// <summary>The compensation of the step at <paramref name="Step"/> completed.</summary>
public sealed record SagaCompensationCompleted(int Step, string Name);

/// <summary>The compensation of the step at <paramref name="Step"/> failed after <paramref name="Attempts"/> attempts.</summary>
public sealed record SagaCompensationFailed(int Step, string Name, int Attempts, string ErrorType, string Error);

/// <summary>The saga ended: the last entry of a finished log, unless an operator retries it.</summary>
public sealed record SagaEnded(SagaStatus Status);

/// <summary>An operator retried a saga that ended <see cref="SagaStatus.CompensationFailed"/>: its compensation runs again.</summary>
public sealed record SagaRetried(string Reason);

/// <summary>
/// The stored names of the saga log's events. They are registered with <see cref="EventRegistry.Default"/>
/// when Eventfold loads; a store with a registry of its own calls <see cref="RegisterIn"/>.
/// </summary>
public static class SagaLogEvents
{
    public const string Started = "eventfold.saga.started";
    public const string StepCompleted = "eventfold.saga.step-completed";
    public const string StepFailed = "eventfold.saga.step-failed";
    public const string CompensationCompleted = "eventfold.saga.compensation-completed";
    public const string CompensationFailed = "eventfold.saga.compensation-failed";
    public const string Ended = "eventfold.saga.ended";
    public const string Retried = "eventfold.saga.retried";

    /// <summary>Registers the saga log's events (version 1 of each name) with <paramref name="registry"/>.</summary>
    public static void RegisterIn(EventRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register<SagaStarted>(Started, 1);
        registry.Register<SagaStepCompleted>(StepCompleted, 1);
        registry.Register<SagaStepFailed>(StepFailed, 1);
        registry.Register<SagaCompensationCompleted>(CompensationCompleted, 1);
        registry.Register<SagaCompensationFailed>(CompensationFailed, 1);
        registry.Register<SagaEnded>(Ended, 1);
        registry.Register<SagaRetried>(Retried, 1);
    }

#pragma warning disable CA2255 // a library registering its own event types is what a module initializer is for
    [ModuleInitializer]
    internal static void RegisterDefault() => RegisterIn(EventRegistry.Default);
#pragma warning restore CA2255
}
