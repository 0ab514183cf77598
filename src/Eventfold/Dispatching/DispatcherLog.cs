using Microsoft.Extensions.Logging;

namespace Eventfold;

internal static partial class DispatcherLog
{
    [LoggerMessage(EventId = 9001, Level = LogLevel.Warning, Message = "Dispatcher {Dispatcher} dropped a {MessageType} ({Reason})")]
    public static partial void Dropped(ILogger logger, string dispatcher, string messageType, UndeliveredReason reason);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Warning, Message = "Dispatcher {Dispatcher} rejected a {MessageType} ({Reason})")]
    public static partial void Rejected(ILogger logger, string dispatcher, string messageType, UndeliveredReason reason);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Error, Message = "Dispatcher {Dispatcher}: the handler of a {MessageType} failed")]
    public static partial void HandlerFailed(ILogger logger, Exception error, string dispatcher, string messageType);

    [LoggerMessage(EventId = 9004, Level = LogLevel.Error, Message = "Dispatcher {Dispatcher} stopped with a {MessageType} never handled (drain timed out)")]
    public static partial void Unfinished(ILogger logger, string dispatcher, string messageType);

    [LoggerMessage(EventId = 9005, Level = LogLevel.Error, Message = "Dispatcher {Dispatcher} stopped: drain timed out with {Unfinished} messages unhandled and {StillRunning} handlers still running")]
    public static partial void DrainTimedOut(ILogger logger, string dispatcher, int unfinished, int stillRunning);

    [LoggerMessage(EventId = 9006, Level = LogLevel.Error, Message = "Dispatcher {Dispatcher}: the OnUndelivered callback threw")]
    public static partial void CallbackFailed(ILogger logger, Exception error, string dispatcher);

    [LoggerMessage(EventId = 9007, Level = LogLevel.Information, Message = "Dispatcher {Dispatcher} resized to {Workers} workers (depth {Depth})")]
    public static partial void Resized(ILogger logger, string dispatcher, int workers, long depth);
}
