namespace Eventfold.Generators.Tests;

/// <summary>Sources of [BoundedDispatcher] classes for the dispatcher generator's snapshot, run and incrementality tests.</summary>
internal static class DispatcherSamples
{
    /// <summary>The Notifier of API.md and docs/back-pressure.md, as written there.</summary>
    public const string Notifier = """
        using System.Threading;
        using System.Threading.Tasks;
        using Eventfold;

        namespace Shop.Notifications;

        public sealed record SendEmail(string To, string Subject);
        public sealed record SendSms(string Number, string Text);

        [BoundedDispatcher(Capacity = 256, Overflow = OverflowPolicy.Wait, Workers = 2, MaxWorkers = 8, PerSecond = 500)]
        public sealed partial class Notifier
        {
            private Task Handle(SendEmail m, CancellationToken ct) => Task.CompletedTask;
            private ValueTask Handle(SendSms m, CancellationToken ct) => default;
        }
        """;

    /// <summary>
    /// Keyed by customer, with a primary constructor, a struct message, a handler without a token and a
    /// synchronous one: what the generator must handle beyond the simple case.
    /// </summary>
    public const string KeyedNotifier = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Eventfold;

        namespace Shop.Keyed;

        public sealed record Receipt(string Customer, int Sequence);
        public readonly record struct Reminder(string Customer, int Sequence);

        [BoundedDispatcher(Capacity = 64, Overflow = OverflowPolicy.DropOldest, Workers = 4)]
        public sealed partial class OrderedNotifier(Action<string> sent)
        {
            private static string KeyOf(Receipt m) => m.Customer;
            private static string KeyOf(Reminder m) => m.Customer;

            private async Task Handle(Receipt m)
            {
                await Task.Yield();
                sent("receipt " + m.Customer + " " + m.Sequence);
            }

            private void Handle(Reminder m) => sent("reminder " + m.Customer + " " + m.Sequence);
        }
        """;

    /// <summary>Every handler returns void: the generator adds the synchronous dispatch the engine's plain loop calls.</summary>
    public const string VoidNotifier = """
        using System.Threading;
        using Eventfold;

        namespace Shop.Sync;

        public sealed record Audit(string Line);
        public readonly record struct Tick(long At);

        [BoundedDispatcher(Capacity = 128, Workers = 2)]
        public sealed partial class AuditWriter
        {
            public int Written;
            private void Handle(Audit m) => Written++;
            private void Handle(Tick m, CancellationToken ct) => Written += 2;
        }
        """;

    /// <summary>For compile-and-run: two message types, a gate the test opens, every call recorded.</summary>
    public const string Runnable = """
        using System;
        using System.Collections.Concurrent;
        using System.Threading;
        using System.Threading.Tasks;
        using Eventfold;

        namespace RunDispatch;

        public sealed record Email(int Id);
        public sealed record Sms(int Id);
        public sealed record Keyed(string Key, int Sequence);

        public sealed class Gate
        {
            private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
            public int Waiting;
            public Task WaitAsync() { Interlocked.Increment(ref Waiting); return _open.Task; }
            public void Open() => _open.TrySetResult();
        }

        [BoundedDispatcher(Capacity = 4, Overflow = OverflowPolicy.Wait, Workers = 1)]
        public sealed partial class TwoTypes(ConcurrentQueue<string> handled)
        {
            private Task Handle(Email m, CancellationToken ct) { handled.Enqueue("email " + m.Id); return Task.CompletedTask; }
            private ValueTask Handle(Sms m, CancellationToken ct) { handled.Enqueue("sms " + m.Id); return default; }
        }

        [BoundedDispatcher(Capacity = 3, Overflow = OverflowPolicy.DropOldest, Workers = 1)]
        public sealed partial class Dropping(Gate gate, ConcurrentQueue<int> handled)
        {
            private async Task Handle(Email m, CancellationToken ct)
            {
                if (m.Id < 0) await gate.WaitAsync();
                handled.Enqueue(m.Id);
            }
        }

        [BoundedDispatcher(Capacity = 2, Overflow = OverflowPolicy.Reject, Workers = 1)]
        public sealed partial class Rejecting(Gate gate)
        {
            private Task Handle(Email m, CancellationToken ct) => m.Id < 0 ? gate.WaitAsync() : Task.CompletedTask;
        }

        [BoundedDispatcher(Capacity = 1024, Workers = 8)]
        public sealed partial class Ordered(ConcurrentDictionary<string, ConcurrentQueue<int>> seen)
        {
            private static string KeyOf(Keyed m) => m.Key;
            private async ValueTask Handle(Keyed m, CancellationToken ct)
            {
                seen.GetOrAdd(m.Key, _ => new ConcurrentQueue<int>()).Enqueue(m.Sequence);
                if (m.Sequence % 7 == 0) await Task.Yield();
            }
        }

        [BoundedDispatcher(Capacity = 16, Overflow = OverflowPolicy.Wait, Workers = 3)]
        public sealed partial class VoidHandlers(ConcurrentQueue<string> handled)
        {
            private void Handle(Email m)
            {
                if (m.Id < 0) throw new InvalidOperationException("email " + m.Id + " failed");
                handled.Enqueue("email " + m.Id);
            }

            private void Handle(Sms m, CancellationToken ct) => handled.Enqueue("sms " + m.Id);
        }

        [BoundedDispatcher(Capacity = 8192, Workers = 1)]
        public sealed partial class Counting
        {
            public int Count;
            private ValueTask Handle(Email m, CancellationToken ct) { Count++; return default; }
            private void Handle(Sms m) => Count += 2;
        }
        """;
}
