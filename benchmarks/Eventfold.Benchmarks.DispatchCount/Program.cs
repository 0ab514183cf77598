using System.Globalization;
using System.Threading.Channels;
using Eventfold.Benchmarks.Dispatching;

// One contender of DispatcherBenchmarks alone, as that benchmark runs it (one producer, 100,000 messages, capacity
// 1,024, 1 or 4 workers): 0 the raw bounded Channel<T> (TryWrite, else WriteAsync; workers WaitToReadAsync + TryRead),
// 1 the generated [BoundedDispatcher] through its EnqueueAsync. It prints "counting" and sleeps 5 s before the counted
// turns and "counted" and 5 s after them, so benchmarks/count-dispatch-aot.sh can zero and dump callgrind's counters
// around exactly those turns. Usage: Eventfold.Benchmarks.DispatchCount <1|4 workers> <0|1 contender> <turns>
if (args.Length < 3 || !int.TryParse(args[0], CultureInfo.InvariantCulture, out int workers) || workers is not (1 or 4)
    || !int.TryParse(args[1], CultureInfo.InvariantCulture, out int contender) || contender is not (0 or 1)
    || !int.TryParse(args[2], CultureInfo.InvariantCulture, out int turns))
{
    Console.Error.WriteLine("usage: Eventfold.Benchmarks.DispatchCount <1|4 workers> <0 raw channel|1 generated> <turns>");
    return 2;
}

const int Messages = 100_000, Capacity = 1024;
var sink = new Sink();
var messages = Enumerable.Range(0, Messages).Select(i => new Notify(i)).ToArray();
var channel = Channel.CreateBounded<Notify>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait });
var generated1 = new GeneratedNotifier1(sink);
var generated4 = new GeneratedNotifier4(sink);
var channelWorkers = contender != 0 ? [] : Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
{
    var reader = channel.Reader;
    while (await reader.WaitToReadAsync())
    {
        while (reader.TryRead(out var m))
        {
            sink.Handle(m);
        }
    }
})).ToArray();

Func<Task> turn = contender == 0 ? RawChannel : Generated;
for (int i = 0; i < 3; i++)
{
    turn().GetAwaiter().GetResult(); // warm: the thread pool's threads started, the queues' buffers grown
}

Console.WriteLine("counting");
Thread.Sleep(5_000);
for (int i = 0; i < turns; i++)
{
    turn().GetAwaiter().GetResult();
}

Console.WriteLine("counted");
Thread.Sleep(5_000);
channel.Writer.Complete();
await Task.WhenAll(channelWorkers);
await generated1.DisposeAsync();
await generated4.DisposeAsync();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(contender == 0 ? "Raw Channel<T>" : "Generated [BoundedDispatcher]")}, {workers} workers: {turns} turns of {Messages} messages after three warm-up turns"));
return 0;

async Task RawChannel()
{
    var done = sink.Expect(Messages);
    var writer = channel.Writer;
    foreach (var m in messages)
    {
        if (!writer.TryWrite(m))
        {
            await writer.WriteAsync(m);
        }
    }

    await done;
}

async Task Generated()
{
    var done = sink.Expect(Messages);
    if (workers == 1)
    {
        foreach (var m in messages)
        {
            await generated1.EnqueueAsync(m);
        }
    }
    else
    {
        foreach (var m in messages)
        {
            await generated4.EnqueueAsync(m);
        }
    }

    await done;
}
