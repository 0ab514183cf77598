namespace Eventfold;

public sealed partial class ProjectionRunner<T>
{
    /// <summary>The options this runner was made with (hosting's tests check what configuration bound).</summary>
    internal ProjectionRunnerOptions Options => _options;
}
