using Verify = Eventfold.Analyzers.Tests.Verifiers.AnalyzerVerifier<Eventfold.Analyzers.Rules.ProjectionInputAnalyzer>;

namespace Eventfold.Analyzers.Tests.Rules;

/// <summary>EVF030: every [Projection] type the generator skips, each mistake with its own message.</summary>
public sealed class ProjectionInputTests
{
    [Fact]
    public async Task A_concrete_named_projection_is_not_reported()
    {
        const string source = """
            using Eventfold;
            [Projection("totals")] public sealed partial class Totals { }
            public partial class Outer { [Projection("inner")] internal partial class Inner { } }
            """;

        await Verify.VerifyAsync(source);
    }

    [Fact]
    public async Task Generic_abstract_static_nested_in_generic_and_unnamed_projections_are_reported()
    {
        const string source = """
            using Eventfold;
            [Projection("a")] public partial class {|#0:Generic|}<T> { }
            [Projection("b")] public abstract partial class {|#1:Abstract|} { }
            [Projection("c")] public static partial class {|#2:Static|} { }
            public partial class Outer<T> { [Projection("d")] public partial class {|#3:Inner|} { } }
            [Projection("")] public partial class {|#4:Unnamed|} { }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic("EVF030").WithLocation(0).WithArguments("Projection 'Generic' is generic; one checkpoint name needs one concrete type, so remove its type parameters"),
            Verify.Diagnostic("EVF030").WithLocation(1).WithArguments("Projection 'Abstract' is abstract; a runner is given an instance of it, so remove 'abstract' (put shared code in a base class without [Projection])"),
            Verify.Diagnostic("EVF030").WithLocation(2).WithArguments("Projection 'Static' is static; a runner is given an instance of it, so remove 'static'"),
            Verify.Diagnostic("EVF030").WithLocation(3).WithArguments("Projection 'Inner' is nested in the generic type 'Outer'; declare it outside 'Outer'"),
            Verify.Diagnostic("EVF030").WithLocation(4).WithArguments("[Projection] on 'Unnamed' has no name; its checkpoint is kept under that name, e.g. [Projection(\"order-totals\")]"));
    }

    [Fact]
    public async Task ParallelStreams_of_one_or_more_is_not_reported()
    {
        const string source = """
            using Eventfold;
            [Projection("one", ParallelStreams = 1)] public sealed partial class One { }
            [Projection("eight", ParallelStreams = 8)] public sealed partial class Eight { }
            """;

        await Verify.VerifyAsync(source);
    }

    [Fact]
    public async Task ParallelStreams_below_one_is_reported_on_the_attribute()
    {
        const string source = """
            using Eventfold;
            [{|#0:Projection("zero", ParallelStreams = 0)|}] public sealed partial class Zero { }
            [{|#1:Projection("negative", ParallelStreams = -2)|}] public sealed partial class Negative { }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic("EVF031").WithLocation(0).WithArguments("[Projection] on 'Zero' has ParallelStreams = 0; a runner handles at least one stream at a time, so give 1 (strictly in order) or more"),
            Verify.Diagnostic("EVF031").WithLocation(1).WithArguments("[Projection] on 'Negative' has ParallelStreams = -2; a runner handles at least one stream at a time, so give 1 (strictly in order) or more"));
    }
}
