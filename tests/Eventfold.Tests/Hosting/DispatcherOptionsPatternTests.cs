using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Eventfold.Tests.Hosting;

/// <summary>Handlers wait here until the test opens it, so the queue's depth shows the capacity in force.</summary>
public sealed class DispatchGate
{
    public TaskCompletionSource Open { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

public sealed record Parcel(int Number);

[BoundedDispatcher(Capacity = 4, Overflow = OverflowPolicy.DropOldest, Workers = 1)]
public sealed partial class ParcelDispatcher(DispatchGate gate)
{
    private Task Handle(Parcel m, CancellationToken ct) => gate.Open.Task.WaitAsync(ct);
}

/// <summary>
/// A hosted dispatcher's options in the options pattern: the attribute's settings, then configuration, then the
/// <c>configure</c> argument of <c>AddDispatcher</c>, then the application's <c>Configure&lt;DispatcherOptions&gt;(name, …)</c>.
/// </summary>
public sealed class DispatcherOptionsPatternTests
{
    [Theory]
    [InlineData(null, null, null, 4)] // the attribute's Capacity
    [InlineData("3", null, null, 3)] // configuration over the attribute
    [InlineData("3", 2, null, 2)] // AddDispatcher's configure over configuration
    [InlineData("3", 2, 1, 1)] // the application's Configure call last
    [InlineData(null, null, 2, 2)]
    public async Task Each_layer_changes_only_what_it_sets_over_the_one_before(string? configured, int? argument, int? configureCall, int capacity)
    {
        var settings = new Dictionary<string, string?>();
        if (configured is not null)
        {
            settings["Eventfold:Dispatchers:ParcelDispatcher:Capacity"] = configured;
        }

        var builder = Builder(settings);
        builder.Services.AddEventfold(builder.Configuration.GetSection("Eventfold"), o => o.UseInMemory())
            .AddDispatcher<ParcelDispatcher>(argument is { } a ? o => o.Capacity = a : null);
        if (configureCall is { } c)
        {
            builder.Services.Configure<DispatcherOptions>(nameof(ParcelDispatcher), o => o.Capacity = c);
        }

        using var host = builder.Build();
        await host.StartAsync();
        var dispatcher = host.Services.GetRequiredService<ParcelDispatcher>();

        var stats = await FillAsync(dispatcher, 10);

        // One message is in the handler; the queue holds the capacity in force, and the attribute's DropOldest (not
        // the default Wait, which refuses) made room for the rest.
        Assert.Equal((capacity, 9 - capacity, 0L), (stats.Depth, stats.Dropped, stats.Rejected));
        host.Services.GetRequiredService<DispatchGate>().Open.SetResult();
        await host.StopAsync();
    }

    [Fact]
    public async Task A_Configure_call_sets_what_configuration_cannot_carry()
    {
        var undelivered = new ConcurrentQueue<UndeliveredMessage>();
        var builder = Builder([]);
        builder.Services.AddEventfold(o => o.UseInMemory()).AddDispatcher<ParcelDispatcher>();
        builder.Services.Configure<DispatcherOptions>(nameof(ParcelDispatcher), o => o.OnUndelivered = undelivered.Enqueue);
        using var host = builder.Build();
        await host.StartAsync();

        await FillAsync(host.Services.GetRequiredService<ParcelDispatcher>(), 6);

        Assert.Equal([new Parcel(1)], undelivered.Select(u => u.Message)); // DropOldest: the oldest queued message
        Assert.All(undelivered, u => Assert.Equal(UndeliveredReason.DroppedOldest, u.Reason));
        host.Services.GetRequiredService<DispatchGate>().Open.SetResult();
        await host.StopAsync();
    }

    [Theory]
    [InlineData(0, 0, "Dispatchers:ParcelDispatcher:Workers must be at least 1 (it is 0).")]
    [InlineData(3, 2, "Dispatchers:ParcelDispatcher:MaxWorkers (2) must be 0 (no resizing) or at least Dispatchers:ParcelDispatcher:Workers (3).")]
    public async Task Bad_settings_given_in_code_fail_the_start_naming_the_key(int workers, int maxWorkers, string message)
    {
        var builder = Builder([]);
        builder.Services.AddEventfold(o => o.UseInMemory()).AddDispatcher<ParcelDispatcher>(o =>
        {
            o.Workers = workers;
            o.MaxWorkers = maxWorkers;
        });
        using var host = builder.Build();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains(message, ConfigurationTests.Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_AddDispatcher_call_keeps_the_first_calls_settings()
    {
        var builder = Builder([]);
        builder.Services.AddEventfold(o => o.UseInMemory())
            .AddDispatcher<ParcelDispatcher>(o => o.Capacity = 2)
            .AddDispatcher<ParcelDispatcher>(o => o.Capacity = 0); // would fail the start if it were applied
        using var host = builder.Build();
        await host.StartAsync();

        var stats = await FillAsync(host.Services.GetRequiredService<ParcelDispatcher>(), 10);

        Assert.Equal(2, stats.Depth);
        host.Services.GetRequiredService<DispatchGate>().Open.SetResult();
        await host.StopAsync();
    }

    private static HostApplicationBuilder Builder(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<DispatchGate>();
        return builder;
    }

    /// <summary>Offers <paramref name="count"/> parcels once the first is in its (waiting) handler.</summary>
    private static async Task<DispatcherStats> FillAsync(ParcelDispatcher dispatcher, int count)
    {
        Assert.True(dispatcher.TryEnqueue(new Parcel(0)));
        while (dispatcher.Stats.InFlight == 0)
        {
            await Task.Delay(1);
        }

        for (int i = 1; i < count; i++)
        {
            dispatcher.TryEnqueue(new Parcel(i));
        }

        return dispatcher.Stats;
    }
}
