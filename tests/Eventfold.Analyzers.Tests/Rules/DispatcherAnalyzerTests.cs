using Verify = Eventfold.Analyzers.Tests.Verifiers.AnalyzerVerifier<Eventfold.Analyzers.Rules.DispatcherAnalyzer>;

namespace Eventfold.Analyzers.Tests.Rules;

/// <summary>EVF020 to EVF029: a [BoundedDispatcher] configuration or declaration that cannot work.</summary>
public sealed class DispatcherAnalyzerTests
{
    private const string Usings = """
        using System.Threading;
        using System.Threading.Tasks;
        using Eventfold;

        public sealed record SendEmail(string To);
        public sealed record SendSms(string Number);

        """;

    private const string Handler = "private Task Handle(SendEmail m, CancellationToken ct) => Task.CompletedTask;";

    [Fact]
    public async Task A_dispatcher_that_can_work_is_not_reported()
    {
        const string source = Usings + """
            [BoundedDispatcher(Capacity = 1, Workers = 2, MaxWorkers = 2, PerSecond = 0)]
            public sealed partial class Notifier
            {
                private static string KeyOf(SendEmail m) => m.To;
                private static string KeyOf(SendSms m) => m.Number;
                private Task Handle(SendEmail m, CancellationToken ct) => Task.CompletedTask;
                private ValueTask Handle(SendSms m) => default;
            }

            [BoundedDispatcher(Workers = 3)] public sealed partial class Elastic { private void Handle(SendEmail m) { } }
            """;

        await Verify.VerifyAsync(source);
    }

    [Theory]
    [InlineData("Capacity = 0", "EVF020", "[BoundedDispatcher] on 'Notifier' has Capacity = 0; the queue must hold at least one message")]
    [InlineData("Capacity = -5", "EVF020", "[BoundedDispatcher] on 'Notifier' has Capacity = -5; the queue must hold at least one message")]
    [InlineData("Workers = 0", "EVF021", "[BoundedDispatcher] on 'Notifier' has Workers = 0; at least one worker must handle the queue")]
    [InlineData("Workers = 4, MaxWorkers = 2", "EVF021", "[BoundedDispatcher] on 'Notifier' has MaxWorkers = 2, below Workers = 4; raise MaxWorkers to at least 4, or set it to 0 for a fixed number of workers")]
    [InlineData("PerSecond = -1", "EVF022", "[BoundedDispatcher] on 'Notifier' has PerSecond = -1; give a positive rate, or 0 for no limit")]
    public async Task A_setting_that_cannot_work_is_reported_on_the_attribute(string settings, string id, string message)
    {
        string source = Usings + "[{|#0:BoundedDispatcher(" + settings + ")|}]\npublic sealed partial class Notifier { " + Handler + " }\n";

        await Verify.VerifyAsync(source, Verify.Diagnostic(id).WithLocation(0).WithArguments(message));
    }

    [Fact]
    public async Task MaxWorkers_zero_means_no_resizing_and_is_not_below_Workers() =>
        await Verify.VerifyAsync(Usings + "[BoundedDispatcher(Workers = 4, MaxWorkers = 0)] public sealed partial class Notifier { " + Handler + " }");

    [Fact]
    public async Task A_dispatcher_without_Handle_is_reported()
    {
        const string source = Usings + "[BoundedDispatcher] public sealed partial class {|#0:Notifier|} { private void Send(SendEmail m) { } }";

        await Verify.VerifyAsync(source, Verify.Diagnostic("EVF023").WithLocation(0).WithArguments(
            "Dispatcher 'Notifier' has no Handle method, so it could take no message; add 'Task Handle(TMessage m, CancellationToken ct)' for each message type"));
    }

    [Fact]
    public async Task Two_Handle_methods_for_one_message_type_are_reported_on_the_second()
    {
        const string source = Usings + """
            [BoundedDispatcher]
            public sealed partial class Notifier
            {
                private Task Handle(SendEmail m, CancellationToken ct) => Task.CompletedTask;
                private void {|#0:Handle|}(SendEmail m) { }
            }
            """;

        await Verify.VerifyAsync(source, Verify.Diagnostic("EVF024").WithLocation(0).WithArguments(
            "Dispatcher 'Notifier' has two Handle methods for 'SendEmail'; the generated EnqueueAsync could not tell which to call, so keep one"));
    }

    [Fact]
    public async Task Each_key_method_mistake_is_reported_with_its_reason()
    {
        const string source = Usings + """
            public sealed record Other;
            [BoundedDispatcher]
            public sealed partial class Notifier
            {
                private string {|#0:KeyOf|}(SendEmail m) => m.To;
                private static void {|#1:KeyOf|}(SendSms m) { }
                private static string {|#2:KeyOf|}(Other m) => "";
                private static string? {|#3:KeyOf|}(SendEmail m, int extra) => null;
                private Task Handle(SendEmail m, CancellationToken ct) => Task.CompletedTask;
                private Task Handle(SendSms m, CancellationToken ct) => Task.CompletedTask;
            }
            """;
        const string Expected = "; expected 'static TKey KeyOf(TMessage m)', one per handled message type, with the same non-nullable key type";

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic("EVF025").WithLocation(0).WithArguments("Key method 'Notifier.KeyOf' cannot order messages: it is not static; a key is read from the message alone, before a worker takes it" + Expected),
            Verify.Diagnostic("EVF025").WithLocation(1).WithArguments("Key method 'Notifier.KeyOf' cannot order messages: it returns void; it returns the message's key" + Expected),
            Verify.Diagnostic("EVF025").WithLocation(2).WithArguments("Key method 'Notifier.KeyOf' cannot order messages: it takes 'Other', which no Handle method of 'Notifier' takes" + Expected),
            Verify.Diagnostic("EVF025").WithLocation(3).WithArguments("Key method 'Notifier.KeyOf' cannot order messages: it takes 2 parameters; it takes only the message, by value" + Expected));
    }

    [Fact]
    public async Task Key_types_that_differ_and_a_message_type_without_a_key_are_reported()
    {
        const string differ = Usings + """
            [BoundedDispatcher]
            public sealed partial class Notifier
            {
                private static string KeyOf(SendEmail m) => m.To;
                private static int {|#0:KeyOf|}(SendSms m) => 1;
                private Task Handle(SendEmail m, CancellationToken ct) => Task.CompletedTask;
                private Task Handle(SendSms m, CancellationToken ct) => Task.CompletedTask;
            }
            """;
        const string missing = Usings + """
            [BoundedDispatcher]
            public sealed partial class Notifier
            {
                private static string KeyOf(SendEmail m) => m.To;
                private Task Handle(SendEmail m, CancellationToken ct) => Task.CompletedTask;
                private Task {|#0:Handle|}(SendSms m, CancellationToken ct) => Task.CompletedTask;
            }
            """;

        await Verify.VerifyAsync(differ, Verify.Diagnostic("EVF025").WithLocation(0).WithArguments(
            "Key method 'Notifier.KeyOf' cannot order messages: it returns 'int' where another KeyOf returns 'string'; all keys of a dispatcher have one type; expected 'static TKey KeyOf(TMessage m)', one per handled message type, with the same non-nullable key type"));
        await Verify.VerifyAsync(missing, Verify.Diagnostic("EVF025").WithLocation(0).WithArguments(
            "Dispatcher 'Notifier' orders messages by key but has no 'static string KeyOf(SendSms m)'; every handled message type needs its key"));
    }

    [Fact]
    public async Task A_static_or_generic_dispatcher_is_reported()
    {
        const string source = Usings + """
            [BoundedDispatcher] public static partial class {|#0:Broadcast|} { private static void Handle(SendEmail m) { } }
            [BoundedDispatcher] public sealed partial class {|#1:Notifier|}<T> { private void Handle(SendEmail m) { } }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic("EVF026").WithLocation(0).WithArguments("Dispatcher 'Broadcast' is static; a dispatcher is an instance that holds its queue and workers, so remove 'static'"),
            Verify.Diagnostic("EVF026").WithLocation(1).WithArguments("Dispatcher 'Notifier' is generic; the generator writes one concrete dispatcher per class, so remove its type parameters"));
    }

    [Fact]
    public async Task Members_the_generator_adds_are_reported_when_declared_or_inherited()
    {
        const string source = Usings + """
            public abstract class Worker { public void Start() { } private int Stats; protected System.Threading.Tasks.ValueTask DisposeAsync() => default; }

            [BoundedDispatcher]
            public sealed partial class {|#4:Notifier|} : Worker
            {
                private Task Handle(SendEmail m, CancellationToken ct) => Task.CompletedTask;
                public ValueTask {|#0:EnqueueAsync|}(SendSms m) => default;
                public bool {|#1:TryEnqueue|} => true;
                private readonly object {|#2:__eventfoldSync|} = new();
                public sealed class {|#3:Configure|} { }
            }
            """;
        const string Generated = ", which the generator adds to every dispatcher (EnqueueAsync, TryEnqueue, Start, StopAsync, DisposeAsync, Stats, Configure and names starting with __Eventfold); rename or remove it";

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic("EVF027").WithLocation(0).WithArguments("Dispatcher 'Notifier' declares 'EnqueueAsync'" + Generated),
            Verify.Diagnostic("EVF027").WithLocation(1).WithArguments("Dispatcher 'Notifier' declares 'TryEnqueue'" + Generated),
            Verify.Diagnostic("EVF027").WithLocation(2).WithArguments("Dispatcher 'Notifier' declares '__eventfoldSync'" + Generated),
            Verify.Diagnostic("EVF027").WithLocation(3).WithArguments("Dispatcher 'Notifier' declares 'Configure'" + Generated),
            Verify.Diagnostic("EVF027").WithLocation(4).WithArguments("Dispatcher 'Notifier' inherits 'Start' from 'Worker', which the generated 'Start' would hide; rename it in 'Worker' or do not derive from it"),
            Verify.Diagnostic("EVF027").WithLocation(4).WithArguments("Dispatcher 'Notifier' inherits 'DisposeAsync' from 'Worker', which the generated 'DisposeAsync' would hide; rename it in 'Worker' or do not derive from it"));
    }

    [Fact]
    public async Task The_members_the_generator_wrote_are_not_reported()
    {
        // The generated part as the analyzers see it in a build: the class lists IBoundedDispatcher, and the
        // nested struct the engine calls implements IDispatchTarget<TSelf>.
        const string user = Usings + """
            [BoundedDispatcher]
            public sealed partial class Notifier
            {
                private Task Handle(SendEmail m, CancellationToken ct) => Task.CompletedTask;
            }
            """;
        const string generated = """
            // <auto-generated/>
            #nullable enable
            partial class Notifier : global::Eventfold.IBoundedDispatcher
            {
                private readonly object __eventfoldSync = new();
                public global::System.Threading.Tasks.ValueTask EnqueueAsync(global::SendEmail message, global::System.Threading.CancellationToken ct = default) => default;
                public bool TryEnqueue(global::SendEmail message) => true;
                public void Start() { }
                public global::System.Threading.Tasks.Task<global::Eventfold.DispatcherStopResult> StopAsync(global::System.Threading.CancellationToken ct = default) => null!;
                public global::System.Threading.Tasks.ValueTask DisposeAsync() => default;
                public global::Eventfold.DispatcherStats Stats => default;

                private readonly struct __EventfoldTarget : global::Eventfold.IDispatchTarget<__EventfoldTarget>
                {
                    private readonly global::Notifier __self;
                    public __EventfoldTarget(global::Notifier self) => __self = self;
                    static global::System.Threading.Tasks.ValueTask global::Eventfold.IDispatchTarget<__EventfoldTarget>.DispatchAsync(__EventfoldTarget target, in global::Eventfold.DispatchEnvelope envelope, global::System.Threading.CancellationToken ct) => default;
                }
            }
            """;

        await Verify.VerifyAsync([user, generated]);
    }

    [Fact]
    public async Task An_overflow_that_is_not_a_policy_is_reported_on_the_attribute()
    {
        string source = Usings + "[{|#0:BoundedDispatcher(Overflow = (OverflowPolicy)7)|}]\npublic sealed partial class Notifier { " + Handler + " }\n";

        await Verify.VerifyAsync(source, Verify.Diagnostic("EVF028").WithLocation(0).WithArguments(
            "[BoundedDispatcher] on 'Notifier' has Overflow = 7, which is not an OverflowPolicy; use Wait, DropOldest, DropNewest or Reject"));
    }

    [Fact]
    public async Task A_message_type_less_accessible_than_the_dispatcher_is_reported_on_its_Handle()
    {
        const string source = Usings + """
            internal sealed record Audit(string Line);
            [BoundedDispatcher]
            public sealed partial class Notifier
            {
                private sealed record Resend(string To);
                private Task {|#0:Handle|}(Resend m, CancellationToken ct) => Task.CompletedTask;
                private void {|#1:Handle|}(System.Collections.Generic.List<Audit> m) { }
                private void Handle(SendEmail m) { }
            }

            [BoundedDispatcher]
            internal sealed partial class InternalNotifier
            {
                private void Handle(Audit m) { }
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic("EVF029").WithLocation(0).WithArguments("Dispatcher 'Notifier' handles 'Resend', which is private where 'Notifier' is public; the generated public EnqueueAsync and TryEnqueue could not take it, so make 'Resend' at least as accessible as 'Notifier', or 'Notifier' no more accessible than it"),
            Verify.Diagnostic("EVF029").WithLocation(1).WithArguments("Dispatcher 'Notifier' handles 'List<Audit>', which is internal where 'Notifier' is public; the generated public EnqueueAsync and TryEnqueue could not take it, so make 'List<Audit>' at least as accessible as 'Notifier', or 'Notifier' no more accessible than it"));
    }
}
