namespace Eventfold;

/// <summary>
/// The options an <c>Add…</c> call was given in code, for the named options <paramref name="Name"/>: the
/// instance configuration and <c>Configure</c> calls then change. <paramref name="Create"/> returns a copy.
/// </summary>
internal sealed record OptionsBaseline<T>(string Name, Func<T> Create)
    where T : class;
