namespace Eventfold.StoreConformance;

public abstract partial class EventStoreConformanceTests
{
    [SkippableFact]
    public async Task Concurrent_writers_on_one_stream_lose_nothing_and_never_share_a_version()
    {
        const int writers = 8;
        const int appendsEach = 25;
        var stream = NewStream();

        async Task WriteAsync(int writer)
        {
            for (int i = 0; i < appendsEach; i++)
            {
                var item = EventData.From(new ItemAdded($"w{writer}-{i}", writer));
                while (true)
                {
                    long version = await Store.GetStreamVersionAsync(stream);
                    try
                    {
                        await Store.AppendAsync(stream, ExpectedVersion.Exactly(version), [item]);
                        break;
                    }
                    catch (WrongExpectedVersionException)
                    {
                        // Another writer won this version: read again and retry.
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() => WriteAsync(w))));

        var read = await Store.ReadStreamAsync(stream).ToListAsync();
        Assert.Equal(writers * appendsEach, read.Count);
        Assert.Equal(Enumerable.Range(0, read.Count).Select(i => (long)i), read.Select(e => e.Version));
        Assert.Equal(read.Count, read.Select(e => ((ItemAdded)e.Event).Sku).Distinct().Count());
    }

    [SkippableFact]
    public async Task Racing_appends_expecting_the_same_version_let_exactly_one_win()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, Items(1));
        using var start = new ManualResetEventSlim();

        var attempts = Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
        {
            start.Wait();
            try
            {
                await Store.AppendAsync(stream, 0, Items(1, 100 + i));
                return true;
            }
            catch (WrongExpectedVersionException)
            {
                return false;
            }
        })).ToArray();
        start.Set();
        var outcomes = await Task.WhenAll(attempts);

        Assert.Equal(1, outcomes.Count(won => won));
        Assert.Equal(1, await Store.GetStreamVersionAsync(stream));
    }
}
