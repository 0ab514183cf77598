namespace Eventfold;

/// <summary>What was wrong with the configured settings of the dispatcher <typeparamref name="T"/>; thrown when the host starts it.</summary>
internal sealed class DispatcherConfigurationCheck<T>
    where T : class, IBoundedDispatcher
{
    public Exception? Failure { get; set; }
}
