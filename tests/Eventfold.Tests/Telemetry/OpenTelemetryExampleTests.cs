using System.Diagnostics;
using Eventfold.Tests.Projections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Eventfold.Tests.Telemetry;

[Projection("otel-example")]
public sealed partial class OtelExampleProjection
{
    private int _handled;

    public int Handled => Volatile.Read(ref _handled);

    private void On(ProjPlaced e) => Interlocked.Increment(ref _handled);
}

/// <summary>The OpenTelemetry example of docs/observability.md, compiled and run, so the page cannot drift from working code.</summary>
public sealed class OpenTelemetryExampleTests
{
    /// <summary>Exactly the lines docs/observability.md shows (the test below checks the page still holds them).</summary>
    private static void AddTelemetry(IServiceCollection services)
    {
        // docs:begin
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("shop"))
            .WithTracing(t => t.AddSource(EventfoldActivities.SourceName).AddConsoleExporter())
            .WithMetrics(m => m.AddMeter(EventfoldMetrics.MeterName).AddConsoleExporter());
        // docs:end
    }

    [Fact]
    public async Task The_documented_setup_exports_Eventfolds_append_activity_and_projection_metrics()
    {
        var activities = new List<Activity>();
        var metrics = new List<MetricSnapshot>();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        AddTelemetry(builder.Services);
        builder.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(activities));
        builder.Services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(metrics));
        builder.Services.AddEventfold(o => o.UseInMemory()).AddProjection<OtelExampleProjection>();
        using var host = builder.Build();
        await host.StartAsync();
        var store = host.Services.GetRequiredService<IEventStore>();
        var projection = host.Services.GetRequiredService<OtelExampleProjection>();

        await ProjectionRunnerTests.AppendAsync(store, "order-otel-1", new ProjPlaced("otel-1", 3m));
        await ProjectionRunnerTests.WaitUntilAsync(() => projection.Handled == 1);
        await host.StopAsync();
        host.Services.GetRequiredService<TracerProvider>().ForceFlush();
        host.Services.GetRequiredService<MeterProvider>().ForceFlush();

        // The SDK listens process-wide: other tests' activities and measurements arrive too, so filter on this test's names.
        var append = Assert.Single(activities, a => a.OperationName == "eventfold.append" && Equals(a.GetTagItem("eventfold.stream"), "order-otel-1"));
        Assert.Equal(ActivityKind.Client, append.Kind);
        Assert.Contains(activities, a => a.OperationName == "eventfold.projection.handle");
        long total = 0;
        foreach (var handled in metrics.Where(m => m.Name == "eventfold.projection.handled"))
        {
            foreach (var point in handled.MetricPoints)
            {
                foreach (var tag in point.Tags)
                {
                    if (tag is { Key: "projection", Value: "otel-example" })
                    {
                        total = Math.Max(total, point.GetSumLong()); // cumulative: each export repeats the sum
                    }
                }
            }
        }

        Assert.Equal(1, total);
    }

    [Fact]
    public void The_page_shows_the_code_the_test_runs()
    {
        string source = File.ReadAllText(Path.Combine(RepositoryRoot(), "tests", "Eventfold.Tests", "Telemetry", "OpenTelemetryExampleTests.cs"));
        int begin = source.IndexOf("// docs:begin", StringComparison.Ordinal) + "// docs:begin".Length;
        int end = source.IndexOf("        // docs:end", StringComparison.Ordinal);
        var lines = source[begin..end].Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "observability.md"));

        var pageLines = page.Split('\n', StringSplitOptions.TrimEntries);
        int at = Array.IndexOf(pageLines, lines[0].Replace("services.", "builder.Services.", StringComparison.Ordinal));
        Assert.True(at >= 0, "docs/observability.md lost the OpenTelemetry example: " + lines[0]);
        Assert.Equal(lines.Skip(1), pageLines.Skip(at + 1).Take(lines.Length - 1));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Framework.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Framework.sln not found above " + AppContext.BaseDirectory);
    }
}
