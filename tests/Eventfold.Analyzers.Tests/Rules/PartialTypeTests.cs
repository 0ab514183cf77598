using Verify = Eventfold.Analyzers.Tests.Verifiers.CodeFixVerifier<
    Eventfold.Analyzers.Rules.PartialTypeAnalyzer,
    Eventfold.CodeFixes.MakeTypePartialCodeFixProvider>;

namespace Eventfold.Analyzers.Tests.Rules;

public sealed class PartialTypeTests
{
    [Fact]
    public async Task Partial_types_and_types_without_a_generator_attribute_are_not_reported()
    {
        const string source = """
            using Eventfold;

            [Aggregate("order")] public sealed partial class Order { }
            [Projection("totals")] public partial class Totals { }
            [Saga("checkout")] public sealed partial class Checkout { }
            [StateReplica("customer.state")] public sealed partial record CustomerView(string Id, long Version);
            [BoundedDispatcher] public sealed partial class Notifier { }
            public static partial class Outer
            {
                [Aggregate("nested")] public sealed partial class Nested { }
            }

            // [Event] and plain types need no generated part.
            [Event] public sealed record OrderPlaced(string Id);
            public sealed class Plain { }
            """;

        await Verify.VerifyAsync(source, source);
    }

    [Fact]
    public async Task Each_generator_attribute_requires_partial_and_the_fix_adds_it()
    {
        const string source = """
            using Eventfold;

            [Aggregate("order")] public sealed class {|#0:Order|} { }
            [Projection("totals")] class {|#1:Totals|} { }
            [Saga("checkout")]
            internal sealed class {|#2:Checkout|} { }
            [StateReplica("customer.state")] public sealed record {|#3:CustomerView|}(string Id, long Version);
            [BoundedDispatcher(Capacity = 8)]
            // a comment the fix keeps
            class {|#4:Notifier|} { }
            """;
        const string fixedSource = """
            using Eventfold;

            [Aggregate("order")] public sealed partial class Order { }
            [Projection("totals")] partial class Totals { }
            [Saga("checkout")]
            internal sealed partial class Checkout { }
            [StateReplica("customer.state")] public sealed partial record CustomerView(string Id, long Version);
            [BoundedDispatcher(Capacity = 8)]
            // a comment the fix keeps
            partial class Notifier { }
            """;

        await Verify.VerifyAsync(
            source,
            fixedSource,
            Verify.Diagnostic("EVF006").WithLocation(0).WithArguments("'Order'", "Aggregate", "Order"),
            Verify.Diagnostic("EVF006").WithLocation(1).WithArguments("'Totals'", "Projection", "Totals"),
            Verify.Diagnostic("EVF006").WithLocation(2).WithArguments("'Checkout'", "Saga", "Checkout"),
            Verify.Diagnostic("EVF006").WithLocation(3).WithArguments("'CustomerView'", "StateReplica", "CustomerView"),
            Verify.Diagnostic("EVF006").WithLocation(4).WithArguments("'Notifier'", "BoundedDispatcher", "Notifier"));
    }

    [Fact]
    public async Task Non_partial_containing_types_are_reported_once_each_and_fixed()
    {
        const string source = """
            using Eventfold;

            public static class {|#0:Domain|}
            {
                public class {|#1:Orders|}
                {
                    [Aggregate("order")] public sealed partial class Order { }
                    [Aggregate("customer")] public sealed partial class Customer { }
                }

                public static class Helpers { }
            }
            """;
        const string fixedSource = """
            using Eventfold;

            public static partial class Domain
            {
                public partial class Orders
                {
                    [Aggregate("order")] public sealed partial class Order { }
                    [Aggregate("customer")] public sealed partial class Customer { }
                }

                public static class Helpers { }
            }
            """;

        await Verify.VerifyAsync(
            source,
            fixedSource,
            Verify.Diagnostic("EVF006").WithLocation(0).WithArguments("The containing type 'Domain'", "Aggregate", "Order"),
            Verify.Diagnostic("EVF006").WithLocation(1).WithArguments("The containing type 'Orders'", "Aggregate", "Order"));
    }
}
