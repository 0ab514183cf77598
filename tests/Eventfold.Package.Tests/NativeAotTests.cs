namespace Eventfold.Package.Tests;

/// <summary>
/// samples/Shop, copied as it is onto the packed packages, published with Native AOT: all five patterns (published
/// state, snapshots and a saga among them) with its JsonSerializerContext. The publish prints no warning at all (no
/// trim or AOT warning from Eventfold, Microsoft.Data.Sqlite, System.Text.Json or hosting) and the native binary
/// runs the whole tour. An application without a context is told at build time what to add (EVF071, through the
/// package's props).
/// </summary>
[Collection(PackedPackages.Name)]
public sealed class NativeAotTests
{
    private const string Domain = """
        using System.Collections.Concurrent;
        using Eventfold;

        [Event("order.placed")]
        public sealed record OrderPlaced(string OrderId, string CustomerId, decimal Total);

        [Event("order.line-added")]
        public sealed record LineAdded(string OrderId, decimal Amount);

        [Aggregate("order")]
        public sealed partial class Order
        {
            public string CustomerId { get; private set; } = "";
            public decimal Total { get; private set; }

            public void Place(string customerId, decimal total) => Raise(new OrderPlaced(Id, customerId, total));

            public void AddLine(decimal amount) => Raise(new LineAdded(Id, amount));

            private void Apply(OrderPlaced e) => (CustomerId, Total) = (e.CustomerId, e.Total);
            private void Apply(LineAdded e) => Total += e.Amount;
        }

        [Projection("sales-by-customer")]
        public sealed partial class SalesByCustomer
        {
            private readonly ConcurrentDictionary<string, string> _customers = new();
            private readonly ConcurrentDictionary<string, decimal> _totals = new();

            public decimal For(string customerId) => _totals.GetValueOrDefault(customerId);

            private void On(OrderPlaced e)
            {
                _customers[e.OrderId] = e.CustomerId;
                _totals.AddOrUpdate(e.CustomerId, e.Total, (_, t) => t + e.Total);
            }

            private void On(LineAdded e) => _totals.AddOrUpdate(_customers[e.OrderId], e.Amount, (_, t) => t + e.Amount);
        }
        """;

    private readonly PackedEventfold _package;

    public NativeAotTests(PackedEventfold package) => _package = package;

    [Fact]
    public async Task The_shop_sample_publishes_natively_without_a_warning_and_its_binary_runs_the_tour()
    {
        var compiler = NativeToolchain.PublishArguments();
        Assert.True(compiler is not null, NativeToolchain.Missing);
        string app = NativeProject("shop-native", ShopSampleTests.SampleFiles(), ShopSampleTests.ExtraPackages(_package));
        string output = Path.Combine(app, "published");

        var publish = await Dotnet.RunAsync(app, ["publish", "-c", "Release", "-r", "linux-x64", "--nologo", "-o", output, .. compiler]);

        Assert.True(publish.ExitCode == 0, publish.Output);
        Assert.Contains("Generating native code", publish.Output); // really a Native AOT publish
        Assert.DoesNotContain("warning", publish.Output, StringComparison.OrdinalIgnoreCase);
        string binary = Path.Combine(output, "shop-native");
        Assert.True(File.Exists(binary), $"no native binary in {output}");
        Assert.False(File.Exists(Path.Combine(output, "shop-native.dll")), "the publish left a managed assembly: not Native AOT");

        var run = await Processes.RunAsync(binary, "--db", Path.Combine(app, "data", "shop.db"), "--fail-checkout");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Matches(@"board: o-\w+ paid 129\.90, shipped by DHL", run.Output);
        Assert.Contains("the host's elastic notifier sent all 60", run.Output);
        Assert.Matches(@"shipping addresses the parcel to: ShippingCustomer \{ Id = c-\w+, Version = 1, Name = Ada, City = York \}", run.Output);
        Assert.Matches(@"what left sales: \{""id"":""c-\w+"",""version"":1,""name"":""Ada"",""city"":""York""\}", run.Output);
        Assert.Contains("the saga ended Compensated: Ship failed", run.Output);
        Assert.Contains("loaded: the snapshot at v9, then the 4 events after it", run.Output);
    }

    [Fact]
    public async Task An_application_without_a_context_that_publishes_natively_is_told_at_build_time_what_to_add()
    {
        string app = NativeProject("native-no-context", new() { ["Domain.cs"] = Domain, ["Program.cs"] = "Console.WriteLine(new Order().Total);" });

        var build = await Dotnet.RunAsync(app, "build", "-c", "Release", "--nologo");

        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Contains("warning EVF071", build.Output);
        Assert.Contains("[JsonSerializable(typeof(LineAdded))]", build.Output);
    }

    /// <summary>A project on the packed packages with <c>PublishAot</c> on (in its own Directory.Build.props, which the project imports).</summary>
    private string NativeProject(string name, Dictionary<string, string> files, (string Id, string Version)[]? extraPackages = null)
    {
        string app = _package.CreateProject(name, files, extraPackages);
        File.WriteAllText(Path.Combine(app, "Directory.Build.props"), "<Project><PropertyGroup><PublishAot>true</PublishAot></PropertyGroup></Project>");
        return app;
    }
}

internal static class Processes
{
    /// <summary>Runs <paramref name="executable"/> with the arguments, giving up after two minutes.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string executable, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
