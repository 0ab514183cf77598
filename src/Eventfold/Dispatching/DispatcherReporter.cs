using Microsoft.Extensions.Logging;

namespace Eventfold;

/// <summary>
/// Makes every message not handled a decision someone sees: a Meter counter, a log entry and the
/// <see cref="DispatcherOptions.OnUndelivered"/> callback, in that order, whatever the reason.
/// </summary>
internal sealed class DispatcherReporter(string dispatcher, ILogger logger, Action<UndeliveredMessage>? callback)
{
    public string Dispatcher { get; } = dispatcher;

    public ILogger Logger { get; } = logger;

    public void Report(object message, UndeliveredReason reason, Exception? error = null)
    {
        EventfoldMetrics.CountUndelivered(Dispatcher, reason);
        string type = message.GetType().Name;
        switch (reason)
        {
            case UndeliveredReason.DroppedOldest or UndeliveredReason.DroppedNewest:
                DispatcherLog.Dropped(Logger, Dispatcher, type, reason);
                break;
            case UndeliveredReason.RejectedFull or UndeliveredReason.RejectedStopped:
                DispatcherLog.Rejected(Logger, Dispatcher, type, reason);
                break;
            case UndeliveredReason.HandlerFailed:
                DispatcherLog.HandlerFailed(Logger, error!, Dispatcher, type);
                break;
            default:
                DispatcherLog.Unfinished(Logger, Dispatcher, type);
                break;
        }

        if (callback is null)
        {
            return;
        }

        try
        {
            callback(new UndeliveredMessage(message, reason, error));
        }
        catch (Exception ex)
        {
            // A failing callback must not take a worker or a producer down with it.
            DispatcherLog.CallbackFailed(Logger, ex, Dispatcher);
        }
    }
}
