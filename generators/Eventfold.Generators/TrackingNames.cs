namespace Eventfold.Generators;

/// <summary>
/// Names of the pipeline steps, so tests can read each step's run reason
/// (<c>GeneratorDriverOptions.TrackIncrementalGeneratorSteps</c>) and prove the pipeline caches.
/// </summary>
internal static class TrackingNames
{
    public const string Aggregates = nameof(Aggregates);
    public const string ValidAggregates = nameof(ValidAggregates);

    public const string Events = nameof(Events);
    public const string ValidEvents = nameof(ValidEvents);
    public const string CollectedEvents = nameof(CollectedEvents);
    public const string Upcasters = nameof(Upcasters);
    public const string ValidUpcasters = nameof(ValidUpcasters);
    public const string CollectedUpcasters = nameof(CollectedUpcasters);
    public const string AssemblyName = nameof(AssemblyName);
    public const string Registry = nameof(Registry);

    public const string Dispatchers = nameof(Dispatchers);
    public const string ValidDispatchers = nameof(ValidDispatchers);
    public const string Projections = nameof(Projections);
    public const string ValidProjections = nameof(ValidProjections);
    public const string Sagas = nameof(Sagas);
    public const string ValidSagas = nameof(ValidSagas);

    public const string PublishedStates = nameof(PublishedStates);
    public const string ValidPublishedStates = nameof(ValidPublishedStates);
    public const string StateReplicas = nameof(StateReplicas);
    public const string ValidStateReplicas = nameof(ValidStateReplicas);
}
