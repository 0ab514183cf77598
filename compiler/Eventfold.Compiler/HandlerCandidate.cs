namespace Eventfold.Compiler;

/// <summary>
/// One method of a handler family as the generator and the analyzers both see it: the event type it
/// takes (fully qualified, as generated code names it) and whether generated code calls it, or the
/// exact reason it does not. Values only, so it can sit in a generator model.
/// </summary>
/// <param name="Kind">The handler family.</param>
/// <param name="MethodName">The method's name, e.g. "Apply".</param>
/// <param name="DeclaringType">The type that declares the method, as C# displays it.</param>
/// <param name="DeclaredInBase">True when a base class of the handler type declares it.</param>
/// <param name="EventType">"global::Ns.OrderPlaced", empty when the method takes no usable parameter.</param>
/// <param name="Rejection">None when generated code calls the method.</param>
/// <param name="Reason">What is wrong and what shape is expected; empty when accepted.</param>
internal sealed record HandlerCandidate(
    HandlerKind Kind,
    string MethodName,
    string DeclaringType,
    bool DeclaredInBase,
    string EventType,
    HandlerRejection Rejection,
    string Reason)
{
    public bool IsAccepted => Rejection == HandlerRejection.None;
}
