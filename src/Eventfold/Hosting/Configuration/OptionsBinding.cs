namespace Eventfold;

/// <summary>
/// How each of the runtime's options types is read from configuration and checked. The keys are the
/// property names; durations are written <c>hh:mm:ss</c>, enums by member name. docs/configuration.md lists them.
/// </summary>
internal static class OptionsBinding
{
    public static void Bind(ConfigurationReader r, ProjectionRunnerOptions o)
    {
        r.Int(nameof(o.Retries), v => o.Retries = v);
        r.TimeSpan(nameof(o.RetryDelay), v => o.RetryDelay = v);
        r.Enum<ProjectionFailureMode>(nameof(o.OnFailure), v => o.OnFailure = v);
        r.Int(nameof(o.ParallelStreams), v => o.ParallelStreams = v);
        r.TimeSpan(nameof(o.DrainTimeout), v => o.DrainTimeout = v);
        r.Int(nameof(o.Capacity), v => o.Capacity = v);
        r.Int(nameof(o.CheckpointEveryEvents), v => o.CheckpointEveryEvents = v);
        r.TimeSpan(nameof(o.CheckpointInterval), v => o.CheckpointInterval = v);
        r.Long(nameof(o.HealthyEventsBehind), v => o.HealthyEventsBehind = v);
        r.TimeSpan(nameof(o.LagInterval), v => o.LagInterval = v);
        if (r.Has(nameof(o.Lease)))
        {
            var lease = r.Section(nameof(o.Lease));
            var value = o.Lease ?? new ProjectionLeaseOptions();
            if (lease.String(nameof(value.Owner)) is { } owner)
            {
                value = value with { Owner = owner };
            }

            lease.TimeSpan(nameof(value.Duration), v => value = value with { Duration = v });
            lease.TimeSpan(nameof(value.RenewEvery), v => value = value with { RenewEvery = v });
            lease.TimeSpan(nameof(value.RetryEvery), v => value = value with { RetryEvery = v });
            var failures = new List<string>();
            lease.RejectUnknown(failures);
            ConfigurationReader.ThrowIfAny<ProjectionLeaseOptions>(lease.Path, failures);
            o.Lease = value;
        }
    }

    public static void Check(OptionsChecks c, ProjectionRunnerOptions o)
    {
        c.AtLeast(nameof(o.Retries), o.Retries, 0);
        c.NotNegative(nameof(o.RetryDelay), o.RetryDelay);
        if (!Enum.IsDefined(o.OnFailure))
        {
            c.Fail(nameof(o.OnFailure), $"is {o.OnFailure}, which is not a failure mode.");
        }

        if (o.ParallelStreams is { } parallel)
        {
            c.AtLeast(nameof(o.ParallelStreams), parallel, 1);
        }

        c.NotNegative(nameof(o.DrainTimeout), o.DrainTimeout);
        CheckPipeline(c, o.Capacity, o.CheckpointEveryEvents, o.CheckpointInterval);
        c.AtLeast(nameof(o.HealthyEventsBehind), o.HealthyEventsBehind, 0);
        c.Positive(nameof(o.LagInterval), o.LagInterval);
        if (o.Lease is { } lease)
        {
            var l = c.Section(nameof(o.Lease));
            l.Required(nameof(lease.Owner), lease.Owner);
            l.Positive(nameof(lease.Duration), lease.Duration);
            if (lease.RenewInterval <= TimeSpan.Zero || lease.RenewInterval >= lease.Duration)
            {
                l.Fail(nameof(lease.RenewEvery), $"must be positive and shorter than {l.KeyOf(nameof(lease.Duration))} ({lease.Duration}); it is {lease.RenewInterval}.");
            }

            l.Positive(nameof(lease.RetryEvery), lease.RetryEvery);
        }
    }

    public static void Bind(ConfigurationReader r, SagaCoordinatorOptions o)
    {
        r.TimeSpan(nameof(o.RetryDelay), v => o.RetryDelay = v);
        r.TimeSpan(nameof(o.MaxRetryDelay), v => o.MaxRetryDelay = v);
        r.Int(nameof(o.CompensationRetries), v => o.CompensationRetries = v);
    }

    public static void Check(OptionsChecks c, SagaCoordinatorOptions o)
    {
        c.NotNegative(nameof(o.RetryDelay), o.RetryDelay);
        if (o.MaxRetryDelay < o.RetryDelay)
        {
            c.Fail(nameof(o.MaxRetryDelay), $"({o.MaxRetryDelay}) must be at least {c.KeyOf(nameof(o.RetryDelay))} ({o.RetryDelay}).");
        }

        c.AtLeast(nameof(o.CompensationRetries), o.CompensationRetries, 0);
    }

    public static void Bind(ConfigurationReader r, SagaRunnerOptions o)
    {
        r.Int(nameof(o.ParallelSagas), v => o.ParallelSagas = v);
        r.Int(nameof(o.Capacity), v => o.Capacity = v);
        r.Int(nameof(o.CheckpointEveryEvents), v => o.CheckpointEveryEvents = v);
        r.TimeSpan(nameof(o.CheckpointInterval), v => o.CheckpointInterval = v);
        r.TimeSpan(nameof(o.DrainTimeout), v => o.DrainTimeout = v);
    }

    public static void Check(OptionsChecks c, SagaRunnerOptions o)
    {
        c.AtLeast(nameof(o.ParallelSagas), o.ParallelSagas, 1);
        CheckPipeline(c, o.Capacity, o.CheckpointEveryEvents, o.CheckpointInterval);
        c.NotNegative(nameof(o.DrainTimeout), o.DrainTimeout);
    }

    public static void Bind(ConfigurationReader r, StateReplicaOptions o)
    {
        r.Int(nameof(o.Capacity), v => o.Capacity = v);
        r.Int(nameof(o.CheckpointEveryEvents), v => o.CheckpointEveryEvents = v);
        r.TimeSpan(nameof(o.CheckpointInterval), v => o.CheckpointInterval = v);
    }

    public static void Check(OptionsChecks c, StateReplicaOptions o) =>
        CheckPipeline(c, o.Capacity, o.CheckpointEveryEvents, o.CheckpointInterval);

    public static void Bind(ConfigurationReader r, StatePublisherOptions o)
    {
        r.Int(nameof(o.ParallelStreams), v => o.ParallelStreams = v);
        r.Int(nameof(o.Capacity), v => o.Capacity = v);
        r.Int(nameof(o.CheckpointEveryEvents), v => o.CheckpointEveryEvents = v);
        r.TimeSpan(nameof(o.CheckpointInterval), v => o.CheckpointInterval = v);
    }

    public static void Check(OptionsChecks c, StatePublisherOptions o)
    {
        c.AtLeast(nameof(o.ParallelStreams), o.ParallelStreams, 1);
        CheckPipeline(c, o.Capacity, o.CheckpointEveryEvents, o.CheckpointInterval);
    }

    /// <summary>The settings every store shares that configuration can carry (the serializer, clock and loggers come from code or the container).</summary>
    public static void Bind(ConfigurationReader r, EventStoreOptions o) =>
        r.Int(nameof(o.MaxEventSizeBytes), v => o.MaxEventSizeBytes = v);

    public static void Check(OptionsChecks c, EventStoreOptions o) =>
        c.AtLeast(nameof(o.MaxEventSizeBytes), o.MaxEventSizeBytes, 1);

    /// <summary>A dispatcher's settings over those of its <c>[BoundedDispatcher]</c> attribute: only the keys present change.</summary>
    public static void Bind(ConfigurationReader r, DispatcherOptions o)
    {
        r.Int(nameof(o.Capacity), v => o.Capacity = v);
        r.Enum<OverflowPolicy>(nameof(o.Overflow), v => o.Overflow = v);
        r.Int(nameof(o.Workers), v => o.Workers = v);
        r.Int(nameof(o.MaxWorkers), v => o.MaxWorkers = v);
        r.Int(nameof(o.PerSecond), v => o.PerSecond = v);
        r.Int(nameof(o.ParkLimit), v => o.ParkLimit = v);
        r.TimeSpan(nameof(o.DrainTimeout), v => o.DrainTimeout = v);
        r.TimeSpan(nameof(o.CancelGrace), v => o.CancelGrace = v);
        if (r.Has(nameof(o.Elastic)))
        {
            var e = r.Section(nameof(o.Elastic));
            var elastic = o.Elastic;
            e.TimeSpan(nameof(elastic.SampleInterval), v => elastic = elastic with { SampleInterval = v });
            e.TimeSpan(nameof(elastic.GrowAfter), v => elastic = elastic with { GrowAfter = v });
            e.TimeSpan(nameof(elastic.ShrinkAfter), v => elastic = elastic with { ShrinkAfter = v });
            e.Int(nameof(elastic.GrowAtDepth), v => elastic = elastic with { GrowAtDepth = v });
            var failures = new List<string>();
            e.RejectUnknown(failures);
            ConfigurationReader.ThrowIfAny<ElasticWorkerOptions>(e.Path, failures);
            o.Elastic = elastic;
        }
    }

    public static void Check(OptionsChecks c, DispatcherOptions o)
    {
        c.AtLeast(nameof(o.Capacity), o.Capacity, 1);
        c.AtLeast(nameof(o.Workers), o.Workers, 1);
        if (o.MaxWorkers != 0 && o.MaxWorkers < o.Workers)
        {
            c.Fail(nameof(o.MaxWorkers), $"({o.MaxWorkers}) must be 0 (no resizing) or at least {c.KeyOf(nameof(o.Workers))} ({o.Workers}).");
        }

        c.AtLeast(nameof(o.PerSecond), o.PerSecond, 0);
        if (o.ParkLimit is { } park)
        {
            c.AtLeast(nameof(o.ParkLimit), park, 1);
        }

        c.NotNegative(nameof(o.DrainTimeout), o.DrainTimeout);
        c.NotNegative(nameof(o.CancelGrace), o.CancelGrace);
        var e = c.Section(nameof(o.Elastic));
        e.Positive(nameof(o.Elastic.SampleInterval), o.Elastic.SampleInterval);
        e.NotNegative(nameof(o.Elastic.GrowAfter), o.Elastic.GrowAfter);
        e.NotNegative(nameof(o.Elastic.ShrinkAfter), o.Elastic.ShrinkAfter);
    }

    private static void CheckPipeline(OptionsChecks c, int capacity, int checkpointEveryEvents, TimeSpan checkpointInterval)
    {
        c.AtLeast("Capacity", capacity, 1);
        c.AtLeast("CheckpointEveryEvents", checkpointEveryEvents, 1);
        c.Positive("CheckpointInterval", checkpointInterval);
    }
}
