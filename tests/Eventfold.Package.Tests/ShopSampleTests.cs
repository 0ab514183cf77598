using System.Text.RegularExpressions;

namespace Eventfold.Package.Tests;

/// <summary>
/// samples/Shop's code, copied as it is into an empty project that references only the packages, builds with no
/// project-only settings and runs every pattern: a compensated checkout, then a crash mid-saga that the next
/// start's saga host resumes.
/// </summary>
[Collection(PackedPackages.Name)]
public sealed partial class ShopSampleTests
{
    private readonly PackedEventfold _package;

    public ShopSampleTests(PackedEventfold package) => _package = package;

    [Fact]
    public async Task The_shop_sample_builds_from_the_packages_and_runs_all_five_patterns_and_resumes_a_crashed_checkout()
    {
        string app = _package.CreateProject("shop", SampleFiles(), ExtraPackages(_package));
        var build = await Dotnet.RunAsync(app, "build", "-c", "Release", "--nologo");
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.DoesNotMatch(@"warning [A-Z]+\d+", build.Output);
        string db = Path.Combine(app, "data", "shop.db");
        string dll = Path.Combine(app, "bin", "Release", "net10.0", "shop.dll");

        var failing = await Dotnet.RunAsync(app, dll, "--db", db, "--fail-checkout");

        Assert.True(failing.ExitCode == 0, failing.Output);
        Assert.Contains("clerk B decided again on the newest version", failing.Output);
        Assert.Contains("replayed 1; still parked: 0", failing.Output);
        Assert.Matches(@"board: o-\w+ paid 129\.90, shipped by DHL", failing.Output);
        Assert.Contains("the host's elastic notifier sent all 60", failing.Output);
        Assert.Matches(@"shipping addresses the parcel to: ShippingCustomer \{ Id = c-\w+, Version = 1, Name = Ada, City = York \}", failing.Output);
        Assert.DoesNotContain("ada@example.com\"", failing.Output);
        Assert.Contains("the saga ended Compensated: Ship failed", failing.Output);
        Assert.Contains("loaded: the snapshot at v9, then the 4 events after it", failing.Output);

        var crashed = await Dotnet.RunAsync(app, dll, "--db", db, "--crash-checkout");
        string crashedOrder = ChargedOrder().Match(crashed.Output).Groups["order"].Value;
        Assert.True(crashed.ExitCode != 0 && crashedOrder.Length > 0, crashed.Output);
        Assert.DoesNotContain($"shipped {crashedOrder}", crashed.Output);

        var resumed = await Dotnet.RunAsync(app, dll, "--db", db);

        Assert.True(resumed.ExitCode == 0, resumed.Output);
        Assert.Contains($"shipped {crashedOrder}  [key checkout/checkout-{crashedOrder}/step/Ship]", resumed.Output);
        Assert.Contains("the saga ended Completed", resumed.Output);
    }

    /// <summary>The packages the sample needs beside Eventfold and Eventfold.Sqlite.</summary>
    internal static (string Id, string Version)[] ExtraPackages(PackedEventfold package) =>
        [("Microsoft.Extensions.Hosting", "10.0.0"), ("Eventfold.EventStoreDb", package.Version)];

    /// <summary>Every C# file of samples/Shop, by its path in the sample (its csproj is not copied: the test writes its own).</summary>
    internal static Dictionary<string, string> SampleFiles()
    {
        string sample = Path.Combine(PackedEventfold.RepoRoot(), "samples", "Shop");
        return Directory.EnumerateFiles(sample, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(sample, path))
            .Where(relative => !relative.StartsWith("bin", StringComparison.Ordinal) && !relative.StartsWith("obj", StringComparison.Ordinal))
            .ToDictionary(relative => relative, relative => File.ReadAllText(Path.Combine(sample, relative)));
    }

    [GeneratedRegex(@"charged [\d.]+ for (?<order>o-\w+)")]
    private static partial Regex ChargedOrder();
}
