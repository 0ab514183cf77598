using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Eventfold;

/// <summary>
/// Runs the <see cref="StatePublisher{T}"/> of every <see cref="PublishesStateAttribute"/> aggregate the
/// application has loaded (the generated code registers each in <see cref="StatePublishers"/>), so a state a
/// save could not publish is published from the log while the host runs. One publisher that fails is logged
/// and stops; the others go on.
/// </summary>
internal sealed partial class StatePublishersHostedService(IEventStore store, StatePublisherOptions? options, ILogger<StatePublishersHostedService>? logger = null)
    : LoggedRunHostedService(logger)
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    protected override string Name => "state-publishers";

    /// <summary>The categories this service publishes, once started.</summary>
    public IReadOnlyList<string> Categories { get; private set; } = [];

    protected override Task RunAsync(CancellationToken ct)
    {
        var publishers = StatePublishers.All;
        Categories = [.. publishers.Select(p => p.Key)];
        var runOptions = (options ?? new StatePublisherOptions()) with { Logger = options?.Logger ?? _logger };
        return Task.WhenAll(publishers.Select(p => RunOneAsync(p.Key, p.Value(store, runOptions), ct)));
    }

    private async Task RunOneAsync(string category, IStatePublisherRun publisher, CancellationToken ct)
    {
        try
        {
            await publisher.RunAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogPublisherStopped(_logger, ex, category);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The state publisher of '{Category}' stopped; states its saves could not publish wait for its next run")]
    private static partial void LogPublisherStopped(ILogger logger, Exception error, string category);
}
