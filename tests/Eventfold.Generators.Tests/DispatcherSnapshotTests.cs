using Eventfold.Generators.Tests.Infrastructure;

namespace Eventfold.Generators.Tests;

/// <summary>The dispatcher generator's output compared with Baselines/; each case also compiles cleanly.</summary>
public sealed class DispatcherSnapshotTests
{
    [Fact]
    public void Dispatcher_with_two_message_types_and_every_setting() =>
        Verify("NotifierInNamespace", DispatcherSamples.Notifier, "Shop.Notifications.Notifier.Dispatcher.g.cs");

    [Fact]
    public void Keyed_dispatcher_with_a_primary_constructor_a_struct_message_and_a_void_handler() =>
        Verify("KeyedNotifier", DispatcherSamples.KeyedNotifier, "Shop.Keyed.OrderedNotifier.Dispatcher.g.cs");

    [Fact]
    public void Dispatcher_whose_handlers_all_return_void_gets_the_synchronous_dispatch() =>
        Verify("VoidNotifier", DispatcherSamples.VoidNotifier, "Shop.Sync.AuditWriter.Dispatcher.g.cs");

    private static void Verify(string caseName, string source, string hintName)
    {
        var (generated, output) = GeneratorHarness.Run(GeneratorHarness.Compile(caseName, source));

        Assert.Contains(hintName, generated.Keys);
        Baseline.Verify($"{caseName}.{hintName}.txt", generated[hintName]);
        Assert.Empty(GeneratorHarness.Problems(output));
    }
}
