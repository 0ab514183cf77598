namespace Eventfold;

/// <summary>Marks a partial class as a saga whose progress is kept in streams <c>saga-{name}-{id}</c>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SagaAttribute(string name) : Attribute
{
    public string Name { get; } = name;

    /// <summary>
    /// An event type whose every occurrence starts one saga; the saga then declares
    /// <c>static TData Start(TEvent e)</c>, and <c>AddSaga</c> runs it from the log.
    /// </summary>
    public Type? StartedBy { get; set; }
}
