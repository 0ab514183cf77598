using Eventfold;

namespace Shop.Domain;

/// <summary>A confirmation email; sending one takes a few milliseconds, far slower than orders arrive.</summary>
public sealed record SendConfirmation(string OrderId);

/// <summary>Buffers 8 and then pushes back: the sender waits for room.</summary>
[BoundedDispatcher(Capacity = 8, Overflow = OverflowPolicy.Wait)]
public sealed partial class WaitingNotifier
{
    private Task Handle(SendConfirmation m, CancellationToken ct) => Mail.SendAsync(ct);
}

/// <summary>Keeps the 8 newest: the oldest waiting email is dropped (and reported) to make room.</summary>
[BoundedDispatcher(Capacity = 8, Overflow = OverflowPolicy.DropOldest)]
public sealed partial class DroppingNotifier
{
    private Task Handle(SendConfirmation m, CancellationToken ct) => Mail.SendAsync(ct);
}

/// <summary>Refuses what does not fit: TryEnqueue returns false.</summary>
[BoundedDispatcher(Capacity = 8, Overflow = OverflowPolicy.Reject)]
public sealed partial class RejectingNotifier
{
    private Task Handle(SendConfirmation m, CancellationToken ct) => Mail.SendAsync(ct);
}

/// <summary>Waits, and grows from 1 to 4 workers while the queue stays deep.</summary>
[BoundedDispatcher(Capacity = 8, Overflow = OverflowPolicy.Wait, Workers = 1, MaxWorkers = 4)]
public sealed partial class ElasticNotifier
{
    private Task Handle(SendConfirmation m, CancellationToken ct) => Mail.SendAsync(ct);
}

/// <summary>Keeps the 8 oldest: the newest waiting email is dropped (and reported) to make room for the arrival.</summary>
[BoundedDispatcher(Capacity = 8, Overflow = OverflowPolicy.DropNewest)]
public sealed partial class DroppingNewestNotifier
{
    private Task Handle(SendConfirmation m, CancellationToken ct) => Mail.SendAsync(ct);
}

/// <summary>Sends at most 100 a second over 4 workers: the mail provider's rate limit, then Wait pushes back.</summary>
[BoundedDispatcher(Capacity = 8, Overflow = OverflowPolicy.Wait, Workers = 4, PerSecond = 100)]
public sealed partial class ThrottledNotifier
{
    private Task Handle(SendConfirmation m, CancellationToken ct) => Mail.SendAsync(ct);
}

internal static class Mail
{
    public static Task SendAsync(CancellationToken ct) => Task.Delay(5, ct);
}
