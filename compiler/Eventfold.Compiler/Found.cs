using Microsoft.CodeAnalysis;

namespace Eventfold.Compiler;

/// <summary>
/// A value read from source with the symbol it was read from. The generator keeps only
/// <see cref="Value"/>; the analyzers use <see cref="Symbol"/> to place the diagnostic.
/// </summary>
internal readonly struct Found<T>
{
    public Found(T value, ISymbol symbol)
    {
        Value = value;
        Symbol = symbol;
    }

    public T Value { get; }

    public ISymbol Symbol { get; }
}
