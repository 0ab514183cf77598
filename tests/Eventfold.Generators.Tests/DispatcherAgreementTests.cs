using Eventfold.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Eventfold.Generators.Tests;

/// <summary>
/// <see cref="GeneratorAndAnalyzersAgreeTests"/> for dispatchers: valid dispatchers get code that compiles and
/// no diagnostic; each invalid one gets its diagnostic and no generated code for the mistake.
/// </summary>
public sealed class DispatcherAgreementTests
{
    private const string Messages = """
        using System.Threading;
        using System.Threading.Tasks;
        using Eventfold;

        public sealed record SendEmail(string To);
        public sealed record SendSms(string Number);

        """;

    private const string Hint = "Notifier.Dispatcher.g.cs";

    private static readonly (string Name, string Source)[] Valid =
    [
        ("TwoTypes", Messages + """
            [BoundedDispatcher(Capacity = 8, Overflow = OverflowPolicy.Reject, Workers = 2, MaxWorkers = 4, PerSecond = 100)]
            public sealed partial class Notifier
            {
                private Task Handle(SendEmail m, CancellationToken ct) => Task.CompletedTask;
                private ValueTask Handle(SendSms m, CancellationToken ct) => default;
            }
            """),
        ("KeyedWithConstructor", Messages + """
            public sealed class Mailer { }
            [BoundedDispatcher(Workers = 4)]
            public sealed partial class Notifier(Mailer mailer)
            {
                private static string KeyOf(SendEmail m) => m.To;
                private static string KeyOf(SendSms m) => m.Number;
                private Task Handle(SendEmail m) => Task.CompletedTask;
                private void Handle(SendSms m) { _ = mailer; }
            }
            """),
        ("InternalDispatcherOfInternalMessages", Messages + """
            internal sealed record Audit(string Line);
            [BoundedDispatcher]
            internal sealed partial class Notifier
            {
                private void Handle(Audit m) { }
                private void Handle(SendEmail m) { }
            }
            """),
    ];

    private static readonly (string Name, string Source, string Id, string? MustNotContain)[] Invalid =
    [
        ("CapacityZero", Messages + "[BoundedDispatcher(Capacity = 0)] public sealed partial class Notifier { private Task Handle(SendEmail m, CancellationToken ct) => Task.CompletedTask; }", "EVF020", null),
        ("MaxBelowMin", Messages + "[BoundedDispatcher(Workers = 3, MaxWorkers = 1)] public sealed partial class Notifier { private Task Handle(SendEmail m, CancellationToken ct) => Task.CompletedTask; }", "EVF021", null),
        ("NegativeRate", Messages + "[BoundedDispatcher(PerSecond = -2)] public sealed partial class Notifier { private Task Handle(SendEmail m, CancellationToken ct) => Task.CompletedTask; }", "EVF022", null),
        ("NoHandle", Messages + "[BoundedDispatcher] public sealed partial class Notifier { }", "EVF023", null),
        ("DuplicateHandle", Messages + "[BoundedDispatcher] public sealed partial class Notifier { private Task Handle(SendEmail m, CancellationToken ct) => Task.CompletedTask; private void Handle(SendEmail m) { } }", "EVF024", null),
        ("KeyNotStatic", Messages + "[BoundedDispatcher] public sealed partial class Notifier { private string KeyOf(SendEmail m) => m.To; private Task Handle(SendEmail m, CancellationToken ct) => Task.CompletedTask; }", "EVF025", null),
        ("KeyMissing", Messages + "[BoundedDispatcher] public sealed partial class Notifier { private static string KeyOf(SendEmail m) => m.To; private void Handle(SendEmail m) { } private void Handle(SendSms m) { } }", "EVF025", null),
        ("StaticDispatcher", Messages + "[BoundedDispatcher] public static partial class Notifier { private static void Handle(SendEmail m) { } }", "EVF026", null),
        ("NotPartial", Messages + "[BoundedDispatcher] public sealed class Notifier { private void Handle(SendEmail m) { } }", "EVF006", null),
        ("DeclaresDisposeAsync", Messages + "[BoundedDispatcher] public sealed partial class Notifier { private void Handle(SendEmail m) { } public ValueTask DisposeAsync() => default; }", "EVF027", null),
        ("InheritsStart", Messages + "public class Job { public void Start() { } } [BoundedDispatcher] public sealed partial class Notifier : Job { private void Handle(SendEmail m) { } }", "EVF027", null),
        ("UndefinedOverflow", Messages + "[BoundedDispatcher(Overflow = (OverflowPolicy)9)] public sealed partial class Notifier { private void Handle(SendEmail m) { } }", "EVF028", null),
        ("PrivateMessage", Messages + "[BoundedDispatcher] public sealed partial class Notifier { private sealed record Resend(string To); private void Handle(Resend m) { } }", "EVF029", null),
        ("HandleReturnsInt", Messages + "[BoundedDispatcher] public sealed partial class Notifier { private void Handle(SendEmail m) { } private int Handle(SendSms m) => 0; }", "EVF008", "global::SendSms"),
    ];

    public static TheoryData<string> ValidNames => new(Valid.Select(s => s.Name));

    public static TheoryData<string> InvalidNames => new(Invalid.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(ValidNames))]
    public void Valid_dispatcher_is_generated_and_not_reported(string name)
    {
        var (generated, output) = GeneratorHarness.Run(GeneratorHarness.Compile(name, Valid.Single(s => s.Name == name).Source));

        Assert.Contains(Hint, generated.Keys);
        Assert.Empty(GeneratorHarness.Problems(output));
        Assert.Empty(AnalyzerHarness.Run(output));
    }

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public void Invalid_dispatcher_is_reported_and_not_generated(string name)
    {
        var sample = Invalid.Single(s => s.Name == name);
        var (generated, output) = GeneratorHarness.Run(GeneratorHarness.Compile(name, sample.Source));

        Assert.Contains(AnalyzerHarness.Run(output), d => d.Id == sample.Id);
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true);
        if (sample.MustNotContain is null)
        {
            Assert.DoesNotContain(Hint, generated.Keys);
        }
        else
        {
            // The usable Handle is still generated; the rejected one is left out.
            Assert.DoesNotContain(sample.MustNotContain, generated[Hint], StringComparison.Ordinal);
        }
    }
}
