using Eventfold.Tests.Dispatching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Eventfold.Tests.Hosting;

public sealed class AddDispatcherTests
{
    /// <summary>A dispatcher as DI makes it: parameterless, its handler slow enough that stopping has work to drain.</summary>
    public sealed class HostedNotifier : IDispatchTarget<HostedNotifier>, IBoundedDispatcher
    {
        private readonly DispatcherEngine<HostedNotifier> _engine;

        public HostedNotifier() => _engine = new DispatcherEngine<HostedNotifier>(this, new DispatcherOptions { Capacity = 100, Workers = 2 });

        public int Handled;

        public ValueTask EnqueueAsync(Ping m, CancellationToken ct = default) => _engine.EnqueueAsync(new DispatchEnvelope(m, 0), ct);

        public void Start() => _engine.Start();

        public Task<DispatcherStopResult> StopAsync(CancellationToken ct = default) => _engine.StopAsync(ct);

        public ValueTask DisposeAsync() => _engine.DisposeAsync();

        public DispatcherStats Stats => _engine.Stats;

        static ValueTask IDispatchTarget<HostedNotifier>.DispatchAsync(HostedNotifier self, in DispatchEnvelope envelope, CancellationToken ct) =>
            self.Handle((Ping)envelope.Message, ct);

        private async ValueTask Handle(Ping m, CancellationToken ct)
        {
            await Task.Delay(2, ct);
            Interlocked.Increment(ref Handled);
        }
    }

    [Fact]
    public async Task A_dispatcher_is_one_singleton_started_with_the_host_and_drained_when_it_stops()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddEventfold(o => o.UseInMemory()).AddDispatcher<HostedNotifier>().AddDispatcher<HostedNotifier>();
        using var host = builder.Build();
        var notifier = host.Services.GetRequiredService<HostedNotifier>();
        Assert.Same(notifier, host.Services.GetRequiredService<HostedNotifier>());
        Assert.Single(host.Services.GetServices<IHostedService>(), s => s.GetType().Name.StartsWith("DispatcherHostedService", StringComparison.Ordinal));
        Assert.Equal(0, notifier.Stats.Workers);

        await host.StartAsync();
        Assert.Equal(2, notifier.Stats.Workers);
        for (int i = 0; i < 60; i++)
        {
            await notifier.EnqueueAsync(new Ping(i));
        }

        await host.StopAsync();

        Assert.Equal(60, notifier.Handled);
        Assert.True((await notifier.StopAsync()).Drained);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => notifier.EnqueueAsync(new Ping(61)).AsTask());
    }
}
