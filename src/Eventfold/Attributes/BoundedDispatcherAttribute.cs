namespace Eventfold;

/// <summary>
/// Marks a partial class as an in-process dispatcher with a bounded queue; its <c>Handle</c> methods
/// receive the messages.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class BoundedDispatcherAttribute : Attribute
{
    /// <summary>How many messages may wait in the queue.</summary>
    public int Capacity { get; set; } = 1024;

    /// <summary>What happens when the queue is full.</summary>
    public OverflowPolicy Overflow { get; set; } = OverflowPolicy.Wait;

    /// <summary>Workers started at first.</summary>
    public int Workers { get; set; } = 1;

    /// <summary>The most workers the dispatcher grows to while its queue is deep; 0 means <see cref="Workers"/>.</summary>
    public int MaxWorkers { get; set; }

    /// <summary>At most this many messages are handled per second; 0 means no limit.</summary>
    public int PerSecond { get; set; }
}
