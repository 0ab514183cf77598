using System.Reflection;
using Eventfold.Generators.Aggregates;
using Eventfold.Generators.Events;
using Microsoft.CodeAnalysis;

namespace Eventfold.Generators.Tests;

/// <summary>
/// Models must hold no symbol, syntax node, location, semantic model or compilation: those are never
/// equal across runs, so holding one defeats caching (and keeps whole compilations alive).
/// </summary>
public sealed class ModelPurityTests
{
    private static readonly Type[] Forbidden = [typeof(ISymbol), typeof(SyntaxNode), typeof(Location), typeof(SemanticModel), typeof(Compilation)];

    [Theory]
    [InlineData(typeof(AggregateSpec))]
    [InlineData(typeof(Eventfold.Generators.States.PublishedStateSpec))]
    [InlineData(typeof(Eventfold.Generators.States.StateReplicaSpec))]
    [InlineData(typeof(RegistrySpec))]
    [InlineData(typeof(Eventfold.Generators.Projections.ProjectionSpec))]
    [InlineData(typeof(Eventfold.Compiler.OnHandler))]
    [InlineData(typeof(Eventfold.Compiler.HandlerCandidate))]
    [InlineData(typeof(Eventfold.Compiler.InputProblem))]
    [InlineData(typeof(Eventfold.Generators.Dispatchers.DispatcherSpec))]
    [InlineData(typeof(Eventfold.Compiler.DispatcherProblem))]
    [InlineData(typeof(Eventfold.Generators.Sagas.SagaSpec))]
    [InlineData(typeof(Eventfold.Compiler.SagaProblem))]
    public void Model_graph_holds_no_compiler_objects(Type model) =>
        Assert.Empty(FindForbidden(model));

    [Fact]
    public void Walker_finds_a_compiler_object_held_deep_in_a_model()
    {
        string path = Assert.Single(FindForbidden(typeof(Tainted)));
        Assert.EndsWith("TaintedInner.Locations -> Location", path);
    }

    private sealed record Tainted(EquatableArray<TaintedInner> Inner);

    private sealed record TaintedInner(Location[] Locations) : IEquatable<TaintedInner>;

    /// <summary>Paths from <paramref name="root"/> to every forbidden type its fields can hold.</summary>
    private static List<string> FindForbidden(Type root)
    {
        var found = new List<string>();
        Walk(root, root.Name, new HashSet<Type>(), found);
        return found;
    }

    private static void Walk(Type type, string path, HashSet<Type> seen, List<string> found)
    {
        if (Forbidden.FirstOrDefault(f => f.IsAssignableFrom(type)) is { } bad)
        {
            found.Add(path + " -> " + bad.Name);
            return;
        }

        if (type.IsPrimitive || type.IsEnum || type == typeof(string) || !seen.Add(type))
        {
            return;
        }

        if (type.IsArray)
        {
            Walk(type.GetElementType()!, path, seen, found);
            return;
        }

        foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : [])
        {
            Walk(argument, path, seen, found);
        }

        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            Walk(field.FieldType, $"{path} -> {type.Name}.{MemberName(field)}", seen, found);
        }
    }

    private static string MemberName(FieldInfo field) =>
        field.Name.StartsWith('<') ? field.Name[1..field.Name.IndexOf('>')] : field.Name;
}
