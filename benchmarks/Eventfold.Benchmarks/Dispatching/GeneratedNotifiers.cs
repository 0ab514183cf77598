namespace Eventfold.Benchmarks.Dispatching;

// What users write: the generator makes their EnqueueAsync, TryEnqueue and dispatch. Attribute values are
// constants, so one class per worker count of the benchmark.

[BoundedDispatcher(Capacity = 1024, Overflow = OverflowPolicy.Wait, Workers = 1)]
public sealed partial class GeneratedNotifier1(Sink sink)
{
    private void Handle(Notify m) => sink.Handle(m);
}

[BoundedDispatcher(Capacity = 1024, Overflow = OverflowPolicy.Wait, Workers = 4)]
public sealed partial class GeneratedNotifier4(Sink sink)
{
    private void Handle(Notify m) => sink.Handle(m);
}
