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
    [InlineData("projections.md", "OrderTotalsProjection.Shop.Orders.OrderTotals.Projection.g.cs.txt")]
    [InlineData("event-versioning.md", "SalesChains.EventfoldEventRegistration.g.cs.txt")]
    public void A_docs_page_shows_the_current_baseline(string page, string baseline)
    {
        string testsDir = TestsDirectory();
        string expected = File.ReadAllText(Path.Combine(testsDir, "Baselines", baseline)).Trim().ReplaceLineEndings("\n");
        string doc = File.ReadAllText(Path.Combine(testsDir, "..", "..", "docs", page)).ReplaceLineEndings("\n");

        Assert.True(doc.Contains(expected, StringComparison.Ordinal), $"docs/{page} no longer shows Baselines/{baseline}: paste the new baseline into it.");
    }

    private static string TestsDirectory([CallerFilePath] string thisFile = "") => Path.GetDirectoryName(thisFile)!;
}
