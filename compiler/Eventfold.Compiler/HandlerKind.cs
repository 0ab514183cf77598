namespace Eventfold.Compiler;

/// <summary>
/// A family of methods that generated code calls by name. Each family has its own rules; today the
/// shared reader knows <see cref="Apply"/>, and <c>On</c>, <c>Handle</c> and saga steps join it as
/// their generators arrive, so the generator and the analyzers read them through the same code.
/// </summary>
internal enum HandlerKind
{
    /// <summary><c>void Apply(TEvent e)</c> of an <c>[Aggregate]</c>.</summary>
    Apply,

    /// <summary><c>On(TEvent, ...)</c> of a <c>[Projection]</c>.</summary>
    On,

    /// <summary><c>Handle(TMessage, ...)</c> of a <c>[BoundedDispatcher]</c>.</summary>
    Handle,

    /// <summary>A <c>[Step]</c> method of a <c>[Saga]</c>.</summary>
    Step,
}
