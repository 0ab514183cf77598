using System.Runtime.CompilerServices;

namespace Eventfold.Generators.Tests;

/// <summary>The docs show generated code copied from the baselines; these tests keep the copies current.</summary>
public sealed class DocsShowGeneratedCodeTests
{
    [Theory]
    [InlineData("event-sourcing.md", "OrderInNamespace.Shop.Orders.Order.g.cs.txt")]
    [InlineData("snapshots.md", "LedgerWithSnapshots.Books.Ledger.g.cs.txt")]
    [InlineData("events.md", "BillingRegistry.EventfoldEventRegistration.g.cs.txt")]
    [InlineData("back-pressure.md", "NotifierInNamespace.Shop.Notifications.Notifier.Dispatcher.g.cs.txt")]
    [InlineData("back-pressure.md", "VoidNotifier.Shop.Sync.AuditWriter.Dispatcher.g.cs.txt")]
    [InlineData("projections.md", "OrderTotalsProjection.Shop.Orders.OrderTotals.Projection.g.cs.txt")]
    [InlineData("event-versioning.md", "SalesChains.EventfoldEventRegistration.g.cs.txt")]
    [InlineData("sagas.md", "CheckoutSaga.Shop.Checkout.CheckoutSaga.Saga.g.cs.txt")]
    [InlineData("state-transfer.md", "CustomerPublishesState.Shop.Customers.Customer.State.g.cs.txt")]
    [InlineData("state-transfer.md", "CustomerPublishesState.Shop.Customers.CustomerView.Replica.g.cs.txt")]
    [InlineData("state-transfer.md", "MemberStateUpcast.EventfoldEventRegistration.g.cs.txt")]
    public void A_docs_page_shows_the_current_baseline(string page, string baseline)
    {
        string testsDir = TestsDirectory();
        string expected = File.ReadAllText(Path.Combine(testsDir, "Baselines", baseline)).Trim().ReplaceLineEndings("\n");
        string doc = File.ReadAllText(Path.Combine(testsDir, "..", "..", "docs", page)).ReplaceLineEndings("\n");

        Assert.True(doc.Contains(expected, StringComparison.Ordinal), $"docs/{page} no longer shows Baselines/{baseline}: paste the new baseline into it.");
    }

    [Fact]
    public void The_sagas_page_renders_the_generated_diagram_of_its_saga()
    {
        string testsDir = TestsDirectory();
        string baseline = File.ReadAllText(Path.Combine(testsDir, "Baselines", "CheckoutSaga.Shop.Checkout.CheckoutSaga.Saga.g.cs.txt"));
        var literal = System.Text.RegularExpressions.Regex.Match(baseline, "public const string Diagram = \"(.*?)\";");
        string diagram = literal.Groups[1].Value.Replace("\\n", "\n", StringComparison.Ordinal);
        string doc = File.ReadAllText(Path.Combine(testsDir, "..", "..", "docs", "sagas.md")).ReplaceLineEndings("\n");

        Assert.StartsWith("stateDiagram-v2\n", diagram, StringComparison.Ordinal);
        Assert.True(doc.Contains("```mermaid\n" + diagram + "```", StringComparison.Ordinal), "docs/sagas.md no longer renders CheckoutSaga.Diagram: paste the new diagram into its mermaid block.");
    }

    private static string TestsDirectory([CallerFilePath] string thisFile = "") => Path.GetDirectoryName(thisFile)!;
}
