namespace Eventfold;

/// <summary>Handles one event of a <see cref="SubscriptionPipeline"/>.</summary>
public delegate ValueTask PipelineEventHandler(RecordedEvent e, CancellationToken ct);

/// <summary>Handles an event that could not be read (a projection runner parks it). Its position is checkpointed only once this returns.</summary>
public delegate ValueTask PipelinePoisonHandler(PoisonEvent poison, CancellationToken ct);
