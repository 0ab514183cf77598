using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Eventfold.Sqlite.Tests;

public sealed class SqliteConfigurationTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private HostApplicationBuilder Builder(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddEventfold(builder.Configuration.GetSection("Eventfold"), o => o.UseInMemory().UseSqlite());
        // What configuration cannot carry comes from code, through the options pattern.
        builder.Services.Configure<SqliteEventStoreOptions>(o => o.Serializer = TestEvents.Options().Serializer);
        return builder;
    }

    [Fact]
    public async Task Eventfold_Store_Sqlite_opens_the_configured_file_with_the_configured_settings()
    {
        using var host = Builder(new()
        {
            ["Eventfold:Store"] = "Sqlite",
            ["Eventfold:Sqlite:Path"] = _db.Path,
            ["Eventfold:Sqlite:BusyTimeout"] = "00:00:03",
            ["Eventfold:Sqlite:Synchronous"] = "Normal",
            ["Eventfold:Sqlite:PollInterval"] = "00:00:00.050",
            ["Eventfold:Sqlite:ReadPageSize"] = "7",
            ["Eventfold:Sqlite:MaxIdleReadConnections"] = "2",
            ["Eventfold:Sqlite:MaxReadConnections"] = "3",
            ["Eventfold:Sqlite:MaxEventSizeBytes"] = "4096",
        }).Build();
        await host.StartAsync();

        var store = Assert.IsType<SqliteEventStore>(host.Services.GetRequiredService<IEventStore>());
        Assert.Equal(_db.Path, store.Path);
        var options = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SqliteEventStoreOptions>>().Value;
        Assert.Equal(
            (TimeSpan.FromSeconds(3), SqliteSynchronousMode.Normal, TimeSpan.FromMilliseconds(50), 7, 2, 3, 4096),
            (options.BusyTimeout, options.Synchronous, options.PollInterval, options.ReadPageSize, options.MaxIdleReadConnections, options.MaxReadConnections, options.MaxEventSizeBytes));
        Assert.Same(host.Services.GetRequiredService<ILoggerFactory>(), options.LoggerFactory);
        await store.AppendAsync("s", ExpectedVersion.NoStream, [TestEvents.Added("a")]);
        await host.StopAsync();
    }

    [Fact]
    public async Task A_missing_path_fails_the_start_naming_the_key()
    {
        using var host = Builder(new() { ["Eventfold:Store"] = "Sqlite", ["Eventfold:Sqlite:BusyTimeout"] = "00:00:03" }).Build();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains("Eventfold:Sqlite:Path is required.", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_setting_fails_the_start_naming_the_key()
    {
        using var host = Builder(new() { ["Eventfold:Store"] = "Sqlite", ["Eventfold:Sqlite:Path"] = _db.Path, ["Eventfold:Sqlite:Synchronous"] = "Sometimes" }).Build();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains("Eventfold:Sqlite:Synchronous is 'Sometimes', which is not one of Off, Normal, Full, Extra.", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_Sqlite_settings_are_not_checked_when_another_store_is_chosen()
    {
        using var host = Builder(new() { ["Eventfold:Store"] = "InMemory" }).Build();

        Assert.IsType<InMemoryEventStore>(host.Services.GetRequiredService<IEventStore>());
    }
}
