namespace Eventfold;

/// <summary>A message a dispatcher dropped, refused, failed to handle or could not finish, and why.</summary>
/// <param name="Message">The message, as the sender passed it.</param>
/// <param name="Reason">Why it was not handled.</param>
/// <param name="Error">The handler's exception, for <see cref="UndeliveredReason.HandlerFailed"/>; otherwise null.</param>
public readonly record struct UndeliveredMessage(object Message, UndeliveredReason Reason, Exception? Error = null);
