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
    private BenchNotifier? _engine;
    private GeneratedNotifier1 _generated1 = null!;
    private GeneratedNotifier4 _generated4 = null!;
    private Channel<Notify>? _channel;
    private Task[] _channelWorkers = [];
    private ActionBlock<Notify>? _block;
    private ActorSystem? _akka;
    private ISourceQueueWithComplete<Notify> _akkaQueue = null!;

    [Params(1, 4)]
    public int Workers { get; set; }

    /// <summary>Every contender, for a run that has them take turns in one process (Eventfold.Benchmarks.CpuTime).</summary>
    public void Setup()
    {
        SetupRawChannel();
        SetupEventfold();
        SetupDataflow();
        SetupAkka();
    }

    // One setup per contender: BenchmarkDotNet runs each benchmark in a process of its own, which then holds only
    // that contender's queue and threads (an idle actor system or block beside the one measured would share its
    // two cores).
    [GlobalSetup(Target = nameof(RawChannel))]
    public void SetupRawChannel()
    {
        CreateMessages();
        var channel = _channel = Channel.CreateBounded<Notify>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait });
        _channelWorkers = Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            var reader = channel.Reader;
            while (await reader.WaitToReadAsync())
            {
                while (reader.TryRead(out var m))
                {
                    _sink.Handle(m);
                }
            }
        })).ToArray();
    }

    [GlobalSetup(Targets = [nameof(Eventfold), nameof(EventfoldGenerated)])]
    public void SetupEventfold()
    {
        CreateMessages();
        _engine = new BenchNotifier(_sink, Capacity, Workers);
        _generated1 = new GeneratedNotifier1(_sink);
        _generated4 = new GeneratedNotifier4(_sink);
    }

    [GlobalSetup(Target = nameof(DataflowActionBlock))]
    public void SetupDataflow()
    {
        CreateMessages();
        _block = new ActionBlock<Notify>(_sink.Handle, new ExecutionDataflowBlockOptions
        {
            BoundedCapacity = Capacity, MaxDegreeOfParallelism = Workers, SingleProducerConstrained = true,
        });
    }

    [GlobalSetup(Target = nameof(AkkaStreamsQueue))]
    public void SetupAkka()
    {
        CreateMessages();
        _akka = ActorSystem.Create("bench", "akka.loglevel = WARNING");
        var source = Source.Queue<Notify>(Capacity, OverflowStrategy.Backpressure);
        _akkaQueue = Workers == 1
            ? source.To(Akka.Streams.Dsl.Sink.ForEach<Notify>(_sink.Handle)).Run(_akka.Materializer())
            : source.SelectAsyncUnordered(Workers, m => { _sink.Handle(m); return Done; }).To(Akka.Streams.Dsl.Sink.Ignore<NotUsed>()).Run(_akka.Materializer());
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        if (_engine is not null)
        {
            await _engine.DisposeAsync();
            await _generated1.DisposeAsync();
            await _generated4.DisposeAsync();
        }

        if (_channel is not null)
        {
            _channel.Writer.Complete();
            await Task.WhenAll(_channelWorkers);
        }

        if (_block is not null)
        {
            _block.Complete();
            await _block.Completion;
        }

        if (_akka is not null)
        {
            _akkaQueue.Complete();
            await _akka.Terminate();
        }
    }

    private void CreateMessages()
    {
        if (_messages.Length == 0)
        {
            _messages = Enumerable.Range(0, Messages).Select(i => new Notify(i)).ToArray();
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    public async Task RawChannel()
    {
        var done = _sink.Expect(Messages);
        var writer = _channel!.Writer;
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
            await _engine!.EnqueueAsync(m);
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
            if (!_block!.Post(m))
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
