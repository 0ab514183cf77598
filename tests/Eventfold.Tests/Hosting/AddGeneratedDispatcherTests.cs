using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Eventfold.Tests.Hosting;

public sealed record Greeting(string To);

public sealed class Greeter
{
    public ConcurrentQueue<string> Greeted { get; } = new();
}

/// <summary>A generated dispatcher with a dependency in its primary constructor, as hosting builds it.</summary>
[BoundedDispatcher(Capacity = 1, Overflow = OverflowPolicy.Reject, Workers = 1)]
public sealed partial class GreetingDispatcher(Greeter greeter)
{
    private Task Handle(Greeting m, CancellationToken ct)
    {
        greeter.Greeted.Enqueue(m.To);
        return Task.CompletedTask;
    }
}

public sealed class AddGeneratedDispatcherTests
{
    [Fact]
    public async Task A_generated_dispatcher_gets_its_dependencies_and_the_hosts_logger()
    {
        var logged = new ConcurrentQueue<string>();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddProvider(new CollectingProvider(logged));
        builder.Services.AddSingleton<Greeter>();
        builder.Services.AddEventfold(o => o.UseInMemory()).AddDispatcher<GreetingDispatcher>();
        using var host = builder.Build();
        var dispatcher = host.Services.GetRequiredService<GreetingDispatcher>();
        await host.StartAsync();

        await dispatcher.EnqueueAsync(new Greeting("ada"));
        await host.StopAsync();
        Assert.False(dispatcher.TryEnqueue(new Greeting("late"))); // stopped: refused, and logged through the host's logger

        Assert.Equal(["ada"], host.Services.GetRequiredService<Greeter>().Greeted);
        Assert.Contains(logged, line => line.Contains("GreetingDispatcher", StringComparison.Ordinal) && line.Contains("Greeting", StringComparison.Ordinal));
    }

    private sealed class CollectingProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Collecting(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class Collecting(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(category + ": " + formatter(state, exception));
        }
    }
}
