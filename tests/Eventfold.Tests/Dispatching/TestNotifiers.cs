namespace Eventfold.Tests.Dispatching;

/// <summary>For tests that run the same case over both worker loops: a void handler (<see cref="SyncTestNotifier"/>) or a task-returning one (<see cref="TestNotifier"/>).</summary>
public static class TestNotifiers
{
    public static (IBoundedDispatcher Dispatcher, Func<Ping, ValueTask> Enqueue, Func<Ping, bool> TryEnqueue) Create(
        bool synchronous, DispatcherOptions options, Action<Ping, CancellationToken> onPing, Func<Ping, CancellationToken, ValueTask> onPingAsync)
    {
        if (synchronous)
        {
            var sync = new SyncTestNotifier(options, onPing);
            return (sync, m => sync.EnqueueAsync(m), sync.TryEnqueue);
        }

        var async = new TestNotifier(options, onPingAsync);
        return (async, m => async.EnqueueAsync(m), async.TryEnqueue);
    }
}
