namespace Eventfold.Package.Tests;

/// <summary>
/// An application on the packed packages (events, an aggregate, a projection, the SQLite store and its
/// JsonSerializerContext) published with Native AOT: the publish prints no warning at all (no trim or AOT
/// warning from Eventfold, Microsoft.Data.Sqlite or System.Text.Json) and the native binary runs. The same
/// application without a context is told at build time what to add (EVF071, through the package's props).
/// </summary>
[Collection(PackedPackages.Name)]
public sealed class NativeAotTests
{
    private const string Program = """
        using System.Collections.Concurrent;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using Eventfold;
        using Eventfold.Sqlite;

        var options = new SqliteEventStoreOptions { Serializer = EventSerializer.Create(AppJsonContext.Default) };
        await using var store = new SqliteEventStore(Path.Combine(args[0], "orders.db"), options);

        var orders = new AggregateRepository<Order>(store);
        Order order = orders.Create("o-1");
        order.Place("c-1", 30m);
        order.AddLine(12m);
        await orders.SaveAsync(order);

        Order loaded = (await orders.LoadAsync("o-1"))!;
        var sales = new SalesByCustomer();
        await new ProjectionRunner<SalesByCustomer>(store, sales).CatchUpAsync();
        Console.WriteLine($"order {loaded.Id} of {loaded.CustomerId}: {loaded.Total} at version {loaded.Version}; c-1 bought {sales.For("c-1")}");
        """;

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

    private const string Context = """
        using System.Text.Json;
        using System.Text.Json.Serialization;

        [JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
        [JsonSerializable(typeof(OrderPlaced))]
        [JsonSerializable(typeof(LineAdded))]
        internal sealed partial class AppJsonContext : JsonSerializerContext;
        """;

    private readonly PackedEventfold _package;

    public NativeAotTests(PackedEventfold package) => _package = package;

    [Fact]
    public async Task An_application_with_its_context_publishes_natively_without_a_warning_and_its_binary_runs()
    {
        var compiler = NativeToolchain.PublishArguments();
        Assert.True(compiler is not null, NativeToolchain.Missing);
        string app = NativeProject("native", new() { ["Program.cs"] = Program, ["Domain.cs"] = Domain, ["AppJsonContext.cs"] = Context });
        string output = Path.Combine(app, "published");

        var publish = await Dotnet.RunAsync(app, ["publish", "-c", "Release", "-r", "linux-x64", "--nologo", "-o", output, .. compiler]);

        Assert.True(publish.ExitCode == 0, publish.Output);
        Assert.Contains("Generating native code", publish.Output); // really a Native AOT publish
        Assert.DoesNotContain("warning", publish.Output, StringComparison.OrdinalIgnoreCase);
        string binary = Path.Combine(output, "native");
        Assert.True(File.Exists(binary), $"no native binary in {output}");
        Assert.False(File.Exists(Path.Combine(output, "native.dll")), "the publish left a managed assembly: not Native AOT");

        var run = await Processes.RunAsync(binary, app);
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("order o-1 of c-1: 42 at version 1; c-1 bought 42", run.Output);
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
    private string NativeProject(string name, Dictionary<string, string> files)
    {
        string app = _package.CreateProject(name, files);
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
