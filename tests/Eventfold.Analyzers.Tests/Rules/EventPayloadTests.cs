using Verify = Eventfold.Analyzers.Tests.Verifiers.AnalyzerVerifier<Eventfold.Analyzers.Rules.EventPayloadAnalyzer>;

namespace Eventfold.Analyzers.Tests.Rules;

/// <summary>EVF018: event members System.Text.Json writes but can never create when reading back.</summary>
public sealed class EventPayloadTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using Eventfold;

        public interface IShape { }
        public abstract class Payment { }
        public sealed record Circle(double Radius) : IShape;

        [JsonPolymorphic]
        [JsonDerivedType(typeof(Card), "card")]
        public abstract record Method;
        public sealed record Card(string Number) : Method;

        [JsonDerivedType(typeof(Square), "square")]
        public interface IDeclaredShape { }
        public sealed record Square(double Side) : IDeclaredShape;

        """;

    [Fact]
    public async Task Concrete_collections_and_declared_polymorphism_are_not_reported()
    {
        const string source = Usings + """
            [Event] public sealed record Drawn(
                Circle Circle,
                IReadOnlyList<Circle> Circles,
                IReadOnlyDictionary<string, int> Counts,
                Method Method,
                IDeclaredShape Declared,
                [property: JsonIgnore] IShape Ignored,
                object Anything,
                string Name);
            """;

        await Verify.VerifyAsync(source);
    }

    [Fact]
    public async Task Interface_and_abstract_members_are_reported_also_inside_collections_and_member_types()
    {
        const string source = Usings + """
            public sealed record Line(IShape Shape);

            [Event] public sealed record Drawn(
                IShape {|#0:Shape|},
                Payment {|#1:Payment|},
                IReadOnlyList<IShape> {|#2:Shapes|},
                Line {|#3:Line|});
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic("EVF018").WithLocation(0).WithArguments("Drawn", "Shape", "IShape", "an interface"),
            Verify.Diagnostic("EVF018").WithLocation(1).WithArguments("Drawn", "Payment", "Payment", "an abstract class"),
            Verify.Diagnostic("EVF018").WithLocation(2).WithArguments("Drawn", "Shapes[]", "IShape", "an interface"),
            Verify.Diagnostic("EVF018").WithLocation(3).WithArguments("Drawn", "Line.Shape", "IShape", "an interface"));
    }
}
