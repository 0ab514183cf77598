using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Eventfold.EventStoreDb.Tests;

/// <summary><c>o.UseEventStoreDb()</c> from configuration; nothing here connects, so no server is needed.</summary>
public sealed class ConfigurationTests
{
    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddEventfold(builder.Configuration.GetSection("Eventfold"), o => o.UseEventStoreDb());
        return builder.Build();
    }

    [Fact]
    public async Task The_configured_connection_string_and_settings_make_the_store()
    {
        using var host = Build(new()
        {
            ["Eventfold:Store"] = "EventStoreDb",
            ["Eventfold:EventStoreDb:ConnectionString"] = "esdb://127.0.0.1:2113?tls=false",
            ["Eventfold:EventStoreDb:MaxEventSizeBytes"] = "2048",
        });

        Assert.IsType<EventStoreDbEventStore>(host.Services.GetRequiredService<IEventStore>());
        var options = host.Services.GetRequiredService<IOptions<EventStoreDbEventStoreOptions>>().Value;
        Assert.Equal(("esdb://127.0.0.1:2113?tls=false", 2048), (options.ConnectionString, options.MaxEventSizeBytes));
        await host.StartAsync();
        await host.StopAsync();
    }

    [Fact]
    public async Task A_missing_connection_string_fails_the_start_naming_the_key()
    {
        using var host = Build(new() { ["Eventfold:EventStoreDb:MaxEventSizeBytes"] = "2048" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Eventfold:EventStoreDb:ConnectionString is required.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_string_that_cannot_be_read_fails_the_start_without_showing_its_password()
    {
        using var host = Build(new() { ["Eventfold:EventStoreDb:ConnectionString"] = "esdb://admin:s3cret@127.0.0.1:2113?tls=maybe" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Eventfold:EventStoreDb:ConnectionString cannot be read:", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.ToString(), StringComparison.Ordinal);
    }
}
