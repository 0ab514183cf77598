using Verify = Eventfold.Analyzers.Tests.Verifiers.AnalyzerVerifier<Eventfold.Analyzers.Rules.HandlerShapeAnalyzer>;

namespace Eventfold.Analyzers.Tests.Rules;

/// <summary>EVF008 for dispatcher Handle methods, read by the shared HandleHandlerReader: each mistake has its own reason.</summary>
public sealed class DispatcherHandleShapeTests
{
    private const string Shape = "'Task Handle(TMessage m, CancellationToken ct)' or 'ValueTask Handle(TMessage m, CancellationToken ct)' (the token may be left out, and a synchronous handler may return void)";

    private const string Usings = """
        using System.Threading;
        using System.Threading.Tasks;
        using Eventfold;

        public sealed record Email;
        public sealed record Sms;
        public sealed record Push;
        public struct Ping { }
        public interface IAlert { }

        """;

    [Fact]
    public async Task Every_accepted_shape_is_not_reported()
    {
        const string source = Usings + """
            public sealed record Fax;
            public sealed record Pager;
            [BoundedDispatcher(Capacity = 16)]
            public sealed partial class Notifier
            {
                private Task Handle(Email m, CancellationToken ct) => Task.CompletedTask;
                private ValueTask Handle(Sms m, CancellationToken ct) => default;
                private Task Handle(Push m) => Task.CompletedTask;
                private ValueTask Handle(Ping m) => default;
                private void Handle(IAlert m) { }
                private void Handle(Fax m, CancellationToken ct) { }
                internal Task Handle(in Pager m) => Task.CompletedTask;
            }
            """;

        await Verify.VerifyAsync(source);
    }

    [Fact]
    public async Task Each_rejected_shape_names_its_mistake()
    {
        const string source = Usings + """
            [BoundedDispatcher(Capacity = 16)]
            public sealed partial class Notifier
            {
                private static Task {|#0:Handle|}(Email m, CancellationToken ct) => Task.CompletedTask;
                private Task {|#1:Handle|}<T>(T m) => Task.CompletedTask;
                private async void {|#2:Handle|}(Sms m) => await Task.Yield();
                private int {|#3:Handle|}(Push m) => 0;
                private Task {|#4:Handle|}() => Task.CompletedTask;
                private Task {|#5:Handle|}(Email m, int times) => Task.CompletedTask;
                private Task {|#6:Handle|}(ref Ping m) => Task.CompletedTask;
                private Task {|#7:Handle|}(object m, CancellationToken ct) => Task.CompletedTask;
                private Task {|#8:Handle|}(int? m) => Task.CompletedTask;
                private Task<int> {|#9:Handle|}(IAlert m) => Task.FromResult(0);
            }
            """;

        string[] reasons =
        [
            "it is static; a Handle method runs on the dispatcher instance (with its dependencies), so make it an instance method, " + Shape,
            "it is generic; declare one " + Shape + " per message type",
            "it is 'async void', so the dispatcher cannot see it finish or fail; return Task or ValueTask, " + Shape,
            "it returns 'int'; a Handle method returns Task, ValueTask or void, " + Shape,
            "it takes no parameter; a Handle method takes the message, " + Shape,
            "it takes 'int' after the message; a Handle method takes only the message and a CancellationToken, " + Shape,
            "its message parameter is 'ref'; the message is queued, so take it by value, " + Shape,
            "it takes 'object', which would give every message one untyped handler; take one message type, " + Shape,
            "its message type 'int?' cannot be queued as an object (a nullable value type, type parameter, pointer or ref struct); take a class, record, struct or interface",
            "it returns 'Task<int>'; a Handle method returns Task, ValueTask or void, " + Shape,
        ];
        var expected = reasons
            .Select((reason, i) => Verify.Diagnostic("EVF008").WithLocation(i).WithArguments("Handle", "a dispatcher Handle method", reason))
            .ToArray();
        await Verify.VerifyAsync(source, expected);
    }
}
