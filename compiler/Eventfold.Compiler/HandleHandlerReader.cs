using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Eventfold.Compiler;

/// <summary>How a <c>Handle</c> method returns, so the generated switch calls it without allocating.</summary>
internal enum HandleReturn
{
    ValueTask,
    Task,
    Void,
}

/// <summary>
/// Reads the <c>Handle</c> methods of a <c>[BoundedDispatcher]</c> class into <see cref="HandlerCandidate"/>
/// values: the generator calls exactly the accepted ones, the analyzers report exactly the rejected ones
/// (EVF008). Accepted: an instance method that takes the message, optionally followed by a
/// <c>CancellationToken</c>, and returns <c>Task</c>, <c>ValueTask</c> or <c>void</c>. Only the class's own
/// methods are read (any accessibility): a dispatcher's handlers are declared on it, not inherited.
/// </summary>
internal static class HandleHandlerReader
{
    public const string MethodName = "Handle";

    private const string Shape = "'Task Handle(TMessage m, CancellationToken ct)' or 'ValueTask Handle(TMessage m, CancellationToken ct)' (the token may be left out, and a synchronous handler may return void)";

    /// <summary>Every method named Handle declared on the class, in declaration order.</summary>
    public static List<Found<HandlerCandidate>> Read(INamedTypeSymbol dispatcher, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        return dispatcher.GetMembers(MethodName)
            .OfType<IMethodSymbol>()
            .Where(m => m.MethodKind == MethodKind.Ordinary)
            .Select(m => new Found<HandlerCandidate>(Classify(m), m))
            .ToList();
    }

    /// <summary>How an accepted Handle method returns.</summary>
    public static HandleReturn ReturnOf(IMethodSymbol method) =>
        method.ReturnsVoid ? HandleReturn.Void : IsTask(method.ReturnType) ? HandleReturn.Task : HandleReturn.ValueTask;

    /// <summary>Whether an accepted Handle method takes the cancellation token.</summary>
    public static bool TakesToken(IMethodSymbol method) => method.Parameters.Length == 2;

    private static HandlerCandidate Classify(IMethodSymbol method)
    {
        var parameter = method.Parameters.Length > 0 ? method.Parameters[0] : null;
        string messageType = parameter is null ? "" : CompilerNames.FullyQualified(parameter.Type);
        HandlerCandidate Make(HandlerRejection rejection, string reason) => new(
            HandlerKind.Handle,
            method.Name,
            method.ContainingType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
            false,
            messageType,
            rejection,
            reason);

        if (method.IsStatic)
        {
            return Make(HandlerRejection.Static, $"it is static; a Handle method runs on the dispatcher instance (with its dependencies), so make it an instance method, {Shape}");
        }

        if (method.IsGenericMethod)
        {
            return Make(HandlerRejection.Generic, $"it is generic; declare one {Shape} per message type");
        }

        if (method.ReturnsVoid && method.IsAsync)
        {
            return Make(HandlerRejection.Async, $"it is 'async void', so the dispatcher cannot see it finish or fail; return Task or ValueTask, {Shape}");
        }

        if (!method.ReturnsVoid && !IsTask(method.ReturnType) && !IsValueTask(method.ReturnType))
        {
            return Make(HandlerRejection.ReturnsValue, $"it returns '{CompilerNames.Display(method.ReturnType)}'; a Handle method returns Task, ValueTask or void, {Shape}");
        }

        if (parameter is null)
        {
            return Make(HandlerRejection.NoParameter, $"it takes no parameter; a Handle method takes the message, {Shape}");
        }

        if (method.Parameters.Length > 2 || (method.Parameters.Length == 2 && !IsCancellationToken(method.Parameters[1])))
        {
            string taken = string.Join(", ", method.Parameters.Skip(1).Select(p => CompilerNames.Display(p.Type)));
            return Make(HandlerRejection.ExtraParameters, $"it takes '{taken}' after the message; a Handle method takes only the message and a CancellationToken, {Shape}");
        }

        if (parameter.RefKind is not (RefKind.None or RefKind.In))
        {
            return Make(HandlerRejection.ByReference, $"its message parameter is '{(parameter.RefKind == RefKind.Out ? "out" : "ref")}'; the message is queued, so take it by value, {Shape}");
        }

        if (parameter.Type.SpecialType == SpecialType.System_Object || parameter.Type.TypeKind == TypeKind.Dynamic)
        {
            return Make(HandlerRejection.CatchesEveryEvent, $"it takes '{CompilerNames.Display(parameter.Type)}', which would give every message one untyped handler; take one message type, {Shape}");
        }

        if (!CanBeQueued(parameter.Type))
        {
            return Make(HandlerRejection.CannotBeMatched, $"its message type '{CompilerNames.Display(parameter.Type)}' cannot be queued as an object (a nullable value type, type parameter, pointer or ref struct); take a class, record, struct or interface");
        }

        return Make(HandlerRejection.None, "");
    }

    private static bool CanBeQueued(ITypeSymbol type) =>
        type.TypeKind is TypeKind.Class or TypeKind.Struct or TypeKind.Interface or TypeKind.Array or TypeKind.Enum or TypeKind.Delegate
        && !type.IsRefLikeType
        && type.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T;

    private static bool IsCancellationToken(IParameterSymbol parameter) =>
        parameter.RefKind == RefKind.None && IsNamed(parameter.Type, "CancellationToken", "System", "Threading");

    private static bool IsTask(ITypeSymbol type) => IsNamed(type, "Task", "System", "Threading", "Tasks");

    private static bool IsValueTask(ITypeSymbol type) => IsNamed(type, "ValueTask", "System", "Threading", "Tasks");

    /// <summary>A non-generic type by name and namespace (Task, not Task&lt;T&gt;).</summary>
    private static bool IsNamed(ITypeSymbol type, string name, params string[] ns)
    {
        if (type is not INamedTypeSymbol { Arity: 0, ContainingType: null } named || named.Name != name)
        {
            return false;
        }

        INamespaceSymbol? current = named.ContainingNamespace;
        for (int i = ns.Length - 1; i >= 0; i--)
        {
            if (current is null || current.Name != ns[i])
            {
                return false;
            }

            current = current.ContainingNamespace;
        }

        return current is { IsGlobalNamespace: true };
    }
}
