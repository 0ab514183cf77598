namespace Eventfold;

/// <summary>
/// What every generated <c>[BoundedDispatcher]</c> class implements beside <see cref="IBoundedDispatcher"/>: its
/// runtime settings (logger, <see cref="DispatcherOptions.OnUndelivered"/>, <see cref="TimeProvider"/>, drain
/// timeout) can be changed before first use. Hosting uses it to give a dispatcher the host's logger and clock.
/// </summary>
public interface IConfigurableDispatcher
{
    /// <summary>
    /// Changes the options before the dispatcher is first used; calls compose in order. The attribute's
    /// settings come in; the returned options are used.
    /// </summary>
    /// <exception cref="InvalidOperationException">The dispatcher was already started, enqueued to or read.</exception>
    void Configure(Func<DispatcherOptions, DispatcherOptions> configure);
}
