namespace Eventfold.Tests.Dispatching;

public sealed class ConfigurationTests
{
    [Theory]
    [InlineData(0, 1, 0, 0, "Capacity")]
    [InlineData(8, 0, 0, 0, "Workers")]
    [InlineData(8, 4, 2, 0, "MaxWorkers (2) is below Workers (4)")]
    [InlineData(8, 1, 0, -5, "PerSecond")]
    public void A_configuration_that_cannot_work_is_refused_naming_the_dispatcher(int capacity, int workers, int maxWorkers, int perSecond, string expected)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new TestNotifier(new DispatcherOptions { Capacity = capacity, Workers = workers, MaxWorkers = maxWorkers, PerSecond = perSecond }));

        Assert.Contains(expected, ex.Message);
        Assert.Contains("TestNotifier", ex.Message);
    }

    [Fact]
    public async Task Workers_start_on_first_use_or_on_Start()
    {
        await using var lazy = new TestNotifier(new DispatcherOptions { Workers = 2 });
        Assert.Equal(0, lazy.Stats.Workers);
        await lazy.EnqueueAsync(new Ping(1));
        Assert.Equal(2, lazy.Stats.Workers);

        await using var started = new TestNotifier(new DispatcherOptions { Workers = 3 });
        started.Start();
        started.Start();
        Assert.Equal(3, started.Stats.Workers);
    }
}
