using System.Threading.Channels;
using System.Threading.Tasks.Dataflow;
using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using BenchmarkDotNet.Attributes;

namespace Eventfold.Benchmarks.Dispatching;

/// <summary>
/// One producer offers <see cref="Messages"/> pre-allocated messages, with back pressure, to a bounded queue
/// of <see cref="Capacity"/> drained by <see cref="Workers"/> workers; an operation ends when the last is
/// handled. Figures are per message (OperationsPerInvoke), so the allocation column is what each contender
/// allocates per message beyond the message itself.
/// </summary>
[MemoryDiagnoser]
public class DispatcherBenchmarks
{
    public const int Messages = 100_000;
    private const int Capacity = 1024;
    private static readonly Task<NotUsed> Done = Task.FromResult(NotUsed.Instance);

    private readonly Sink _sink = new();
    private Notify[] _messages = [];
    private BenchNotifier _engine = null!;
    private GeneratedNotifier1 _generated1 = null!;
    private GeneratedNotifier4 _generated4 = null!;
    private Channel<Notify> _channel = null!;
    private Task[] _channelWorkers = [];
    private ActionBlock<Notify> _block = null!;
    private ActorSystem _akka = null!;
    private ISourceQueueWithComplete<Notify> _akkaQueue = null!;

    [Params(1, 4)]
    public int Workers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _messages = Enumerable.Range(0, Messages).Select(i => new Notify(i)).ToArray();
        _engine = new BenchNotifier(_sink, Capacity, Workers);
        _generated1 = new GeneratedNotifier1(_sink);
        _generated4 = new GeneratedNotifier4(_sink);

        _channel = Channel.CreateBounded<Notify>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait });
        _channelWorkers = Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            var reader = _channel.Reader;
            while (await reader.WaitToReadAsync())
            {
                while (reader.TryRead(out var m))
                {
                    _sink.Handle(m);
                }
            }
        })).ToArray();

        _block = new ActionBlock<Notify>(_sink.Handle, new ExecutionDataflowBlockOptions
        {
            BoundedCapacity = Capacity, MaxDegreeOfParallelism = Workers, SingleProducerConstrained = true,
        });

        _akka = ActorSystem.Create("bench", "akka.loglevel = WARNING");
        var source = Source.Queue<Notify>(Capacity, OverflowStrategy.Backpressure);
        _akkaQueue = Workers == 1
            ? source.To(Akka.Streams.Dsl.Sink.ForEach<Notify>(_sink.Handle)).Run(_akka.Materializer())
            : source.SelectAsyncUnordered(Workers, m => { _sink.Handle(m); return Done; }).To(Akka.Streams.Dsl.Sink.Ignore<NotUsed>()).Run(_akka.Materializer());
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _engine.DisposeAsync();
        await _generated1.DisposeAsync();
        await _generated4.DisposeAsync();
        _channel.Writer.Complete();
        await Task.WhenAll(_channelWorkers);
        _block.Complete();
        await _block.Completion;
        _akkaQueue.Complete();
        await _akka.Terminate();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    public async Task RawChannel()
    {
        var done = _sink.Expect(Messages);
        var writer = _channel.Writer;
        foreach (var m in _messages)
        {
            if (!writer.TryWrite(m))
            {
                await writer.WriteAsync(m);
            }
        }

        await done;
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public async Task Eventfold()
    {
        var done = _sink.Expect(Messages);
        foreach (var m in _messages)
        {
            await _engine.EnqueueAsync(m);
        }

        await done;
    }

    /// <summary>A [BoundedDispatcher] class as users write it, through its generated EnqueueAsync.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public async Task EventfoldGenerated()
    {
        var done = _sink.Expect(Messages);
        if (Workers == 1)
        {
            foreach (var m in _messages)
            {
                await _generated1.EnqueueAsync(m);
            }
        }
        else
        {
            foreach (var m in _messages)
            {
                await _generated4.EnqueueAsync(m);
            }
        }

        await done;
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public async Task DataflowActionBlock()
    {
        var done = _sink.Expect(Messages);
        foreach (var m in _messages)
        {
            if (!_block.Post(m))
            {
                await _block.SendAsync(m);
            }
        }

        await done;
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public async Task AkkaStreamsQueue()
    {
        var done = _sink.Expect(Messages);
        foreach (var m in _messages)
        {
            await _akkaQueue.OfferAsync(m);
        }

        await done;
    }
}
