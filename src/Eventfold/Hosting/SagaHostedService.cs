using Microsoft.Extensions.Logging;

namespace Eventfold;

/// <summary>Runs a <see cref="SagaRunner{TSaga, TData}"/> while the host runs: recovery at start, then its triggers live.</summary>
internal sealed class SagaHostedService<TSaga, TData>(SagaRunner<TSaga, TData> runner, ILogger<SagaHostedService<TSaga, TData>>? logger = null)
    : LoggedRunHostedService(logger)
    where TSaga : class, ISaga<TData>
    where TData : notnull
{
    protected override string Name => SagaRunner<TSaga, TData>.CheckpointName;

    protected override Task RunAsync(CancellationToken ct) => runner.RunAsync(ct);
}
