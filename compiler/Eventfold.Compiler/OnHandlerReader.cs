using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Eventfold.Compiler;

/// <summary>What an accepted <c>On</c> method returns, so the generated dispatch awaits only what needs awaiting.</summary>
internal enum OnReturn
{
    Void,
    Task,
    ValueTask,
}

/// <summary>
/// One <c>On</c> method of a <c>[Projection]</c>: the shared <see cref="HandlerCandidate"/> plus what the
/// generated call needs (the stored event name, which extra arguments it takes, what it returns).
/// </summary>
internal sealed record OnHandler(HandlerCandidate Candidate, string EventName, bool TakesContext, bool TakesToken, OnReturn Returns);

/// <summary>
/// Reads the <c>On</c> methods a <c>[Projection]</c> class declares. The generator calls exactly the
/// accepted ones and hands their event names to the store as the projection's filter; the analyzers
/// report exactly the rejected ones (EVF008). The event type must carry <c>[Event]</c>: the runner
/// filters the log by stored name, so a handler of an interface or of an unregistered type would
/// never receive anything, and that is reported rather than skipped in silence.
/// </summary>
internal static class OnHandlerReader
{
    public const string MethodName = "On";

    private const string Shape = "On(TEvent), On(TEvent, EventContext), On(TEvent, CancellationToken) or On(TEvent, EventContext, CancellationToken), returning void, Task or ValueTask";

    /// <summary>Every <c>On</c> method the projection declares, in declaration order.</summary>
    public static List<Found<OnHandler>> Read(INamedTypeSymbol projection, CancellationToken ct = default)
    {
        var result = new List<Found<OnHandler>>();
        var taken = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var method in projection.GetMembers(MethodName).OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary))
        {
            ct.ThrowIfCancellationRequested();
            var handler = Classify(method, taken);
            if (handler.Candidate.IsAccepted)
            {
                taken.Add(handler.Candidate.EventType);
            }

            result.Add(new Found<OnHandler>(handler, method));
        }

        return result;
    }

    /// <summary>The accepted handlers, ordered by event type so the output is deterministic.</summary>
    public static List<OnHandler> Accepted(IEnumerable<Found<OnHandler>> found) =>
        found.Select(f => f.Value).Where(h => h.Candidate.IsAccepted).OrderBy(h => h.Candidate.EventType, System.StringComparer.Ordinal).ToList();

    private static OnHandler Classify(IMethodSymbol method, HashSet<string> taken)
    {
        var parameter = method.Parameters.Length > 0 ? method.Parameters[0] : null;
        string eventType = parameter is null ? "" : CompilerNames.FullyQualified(parameter.Type);
        OnHandler Reject(HandlerRejection rejection, string reason) =>
            new(new HandlerCandidate(HandlerKind.On, method.Name, method.ContainingType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat), false, eventType, rejection, reason), "", false, false, OnReturn.Void);

        if (method.IsStatic)
        {
            return Reject(HandlerRejection.Static, $"it is static; an On method updates the projection's read model, so it is an instance method, {Shape}");
        }

        if (method.IsGenericMethod)
        {
            return Reject(HandlerRejection.Generic, $"it is generic; declare one On per event type, {Shape}");
        }

        var returns = ReturnOf(method.ReturnType);
        if (returns is null)
        {
            return Reject(HandlerRejection.ReturnsValue, $"it returns '{CompilerNames.Display(method.ReturnType)}'; an On method returns void, Task or ValueTask, {Shape}");
        }

        if (method.IsAsync && returns == OnReturn.Void)
        {
            return Reject(HandlerRejection.AsyncVoid, "it is 'async void'; the runner could not wait for it or see its errors, so return Task");
        }

        if (parameter is null)
        {
            return Reject(HandlerRejection.NoParameter, $"it takes no parameter; an On method takes the event first, {Shape}");
        }

        if (method.Parameters.Length > 3)
        {
            return Reject(HandlerRejection.ExtraParameters, $"it takes {method.Parameters.Length} parameters; an On method takes at most the event, an EventContext and a CancellationToken, {Shape}");
        }

        var byReference = method.Parameters.FirstOrDefault(p => p.RefKind != RefKind.None);
        if (byReference is not null)
        {
            return Reject(HandlerRejection.ByReference, $"its parameter '{byReference.Name}' is passed by reference; take every parameter by value, {Shape}");
        }

        bool takesContext = false;
        bool takesToken = false;
        for (int i = 1; i < method.Parameters.Length; i++)
        {
            var extra = method.Parameters[i];
            if (IsEventContext(extra.Type) && i == 1)
            {
                takesContext = true;
            }
            else if (IsCancellationToken(extra.Type) && i == method.Parameters.Length - 1)
            {
                takesToken = true;
            }
            else
            {
                return Reject(HandlerRejection.WrongExtraParameter, $"its parameter '{extra.Name}' is '{CompilerNames.Display(extra.Type)}'; after the event an On method takes an EventContext, a CancellationToken, or both in that order, {Shape}");
            }
        }

        if (parameter.Type.SpecialType == SpecialType.System_Object || parameter.Type.TypeKind == TypeKind.Dynamic)
        {
            return Reject(HandlerRejection.CatchesEveryEvent, $"it takes '{CompilerNames.Display(parameter.Type)}', which would catch every event; the runner reads only the events a projection handles, so take one [Event] type");
        }

        if (parameter.Type is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, IsAbstract: false } named || named.IsRefLikeType || named.IsGenericType && named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
        {
            return Reject(HandlerRejection.CannotBeMatched, $"it takes '{CompilerNames.Display(parameter.Type)}', which is not a concrete event type; the runner reads the log by stored event name, so take one [Event] class, record or struct");
        }

        var eventAttribute = named.GetAttributes().FirstOrDefault(a => IsEventAttribute(a.AttributeClass));
        if (eventAttribute is null)
        {
            return Reject(HandlerRejection.NotAnEvent, $"'{CompilerNames.Display(named)}' has no [Event] attribute, so no stored event is ever read as it; add [Event] to '{CompilerNames.Display(named)}'");
        }

        if (taken.Contains(eventType))
        {
            return Reject(HandlerRejection.DuplicateEventType, $"another On method already handles '{CompilerNames.Display(named)}'; declare one On per event type");
        }

        var candidate = new HandlerCandidate(HandlerKind.On, method.Name, method.ContainingType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat), false, eventType, HandlerRejection.None, "");
        return new OnHandler(candidate, EventRules.StoredName(named, eventAttribute), takesContext, takesToken, returns.Value);
    }

    private static OnReturn? ReturnOf(ITypeSymbol type)
    {
        if (type.SpecialType == SpecialType.System_Void)
        {
            return OnReturn.Void;
        }

        if (type is INamedTypeSymbol { IsGenericType: false, ContainingNamespace: { Name: "Tasks", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } } named)
        {
            return named.Name switch
            {
                "Task" => OnReturn.Task,
                "ValueTask" => OnReturn.ValueTask,
                _ => null,
            };
        }

        return null;
    }

    private static bool IsEventContext(ITypeSymbol type) =>
        type.Name == "EventContext" && type.ContainingType is null
        && type.ContainingNamespace is { Name: "Eventfold", ContainingNamespace.IsGlobalNamespace: true };

    private static bool IsCancellationToken(ITypeSymbol type) =>
        type.Name == "CancellationToken" && type.ContainingType is null
        && type.ContainingNamespace is { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

    private static bool IsEventAttribute(INamedTypeSymbol? attribute) =>
        attribute is { Name: "EventAttribute", ContainingType: null }
        && attribute.ContainingNamespace is { Name: "Eventfold", ContainingNamespace.IsGlobalNamespace: true };
}
