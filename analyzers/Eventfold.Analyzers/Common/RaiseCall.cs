using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Eventfold.Analyzers.Common;

/// <summary>Recognises a call to the <c>Raise(object)</c> method generated into an [Aggregate] type.</summary>
internal static class RaiseCall
{
    public const string MethodName = "Raise";

    /// <summary>Whether the invocation calls an aggregate's Raise; <paramref name="aggregate"/> is that aggregate.</summary>
    public static bool IsRaise(IInvocationOperation invocation, INamedTypeSymbol aggregateAttribute, out INamedTypeSymbol aggregate)
    {
        aggregate = invocation.TargetMethod.ContainingType;
        return invocation.TargetMethod.Name == MethodName
            && invocation.Arguments.Length == 1
            && aggregate.HasAttribute(aggregateAttribute);
    }

    /// <summary>The static type of the raised event, seen through the implicit conversion to <c>object</c>.</summary>
    public static ITypeSymbol? RaisedType(IInvocationOperation invocation)
    {
        var value = invocation.Arguments[0].Value;
        while (value is IConversionOperation { IsImplicit: true } conversion)
        {
            value = conversion.Operand;
        }

        return value.Type;
    }
}
