using Eventfold.Analyzers.Rules;
using Eventfold.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Verify = Eventfold.Analyzers.Tests.Verifiers.AnalyzerVerifier<Eventfold.Analyzers.Rules.StateReplicaAnalyzer>;

namespace Eventfold.Analyzers.Tests.Rules;

/// <summary>EVF051 to EVF054: a [StateReplica] record against what the generator needs and what the publisher publishes.</summary>
public sealed class StateReplicaTests
{
    private const string Customer = """
        using System;
        using Eventfold;

        [Aggregate("customer"), PublishesState]
        public sealed partial class Customer
        {
            public string Name { get; private set; } = "";
            public decimal CreditLimit { get; private set; }
            public Tier Tier { get; private set; }
            [NotPublished] public string Email { get; private set; } = "";
            private int Secret { get; set; }
        }

        public enum Tier { Basic, Gold }

        """;

    [Fact]
    public async Task A_replica_of_published_members_is_not_reported()
    {
        const string source = Customer + """
            [StateReplica("customer.state")]
            public sealed partial record CustomerView(string Id, long Version, string? Name, decimal CreditLimit);

            // The consumer's own copy of the publisher's enum is the consumer's to keep.
            public enum ShippingTier { Basic, Gold }

            [StateReplica("customer.state")]
            public sealed partial record TierView(string Id, long Version, ShippingTier Tier)
            {
                public static int Instances;
                private string Cache { get; set; } = "";
            }

            // The publisher lives in another service: nothing is known, nothing is reported.
            [StateReplica("supplier.state")]
            public sealed partial record SupplierView(string Id, long Version, string Anything);
            """;

        await Verify.VerifyAsync(source);
    }

    [Fact]
    public async Task Members_the_state_does_not_carry_are_EVF052_and_members_of_another_type_EVF053()
    {
        const string source = Customer + """
            [StateReplica("customer.state")]
            public sealed partial record CustomerView(string Id, long Version, string {|#0:Email|}, string {|#1:CreditLimit|})
            {
                public int {|#2:Secret|} { get; init; }
            }
            """;

        const string carried = "it carries 'Name', 'CreditLimit', 'Tier'";
        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic("EVF052").WithLocation(0).WithArguments(
                $"State replica 'CustomerView' declares 'Email', which the state 'customer.state' (published by 'Customer') does not carry, so it is never set; {carried}"),
            Verify.Diagnostic("EVF053").WithLocation(1).WithArguments(
                "State replica 'CustomerView' declares 'CreditLimit' as 'string', but the state 'customer.state' (published by 'Customer') carries it as 'decimal'; declare it as 'decimal'"),
            Verify.Diagnostic("EVF052").WithLocation(2).WithArguments(
                $"State replica 'CustomerView' declares 'Secret', which the state 'customer.state' (published by 'Customer') does not carry, so it is never set; {carried}"));
    }

    [Fact]
    public async Task A_generated_state_record_from_a_referenced_contract_stands_for_its_aggregate()
    {
        // What the state generator writes, as a contract assembly would carry it, without the aggregate.
        const string source = """
            using Eventfold;

            [Event("customer.state", Version = 2)]
            public sealed record CustomerState(string Id, long Version, string Name, decimal CreditLimit);

            [Event("customer.state")]
            public sealed record CustomerStateV1(string Id, long Version, string Name, string Email);

            [StateReplica("customer.state")]
            public sealed partial record CustomerView(string Id, long Version, string Name, string {|#0:Email|});
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic("EVF052").WithLocation(0).WithArguments(
                "State replica 'CustomerView' declares 'Email', which the state 'customer.state' ('CustomerState') does not carry, so it is never set; it carries 'Name', 'CreditLimit'"));
    }

    [Fact]
    public async Task A_replica_the_generator_cannot_implement_is_EVF051()
    {
        const string source = """
            using Eventfold;

            [StateReplica("a.state")] public sealed partial record {|#0:NoIdentity|}(string Name);
            [StateReplica("a.state")] public sealed partial record {|#1:WrongTypes|}(int Id, int Version);
            [StateReplica("a.state")] public sealed partial class {|#2:NotARecord|} { public string Id { get; init; } = ""; public long Version { get; init; } }
            [StateReplica("a.state")] public abstract partial record {|#3:Abstract|}(string Id, long Version);
            [StateReplica("")] public sealed partial record {|#4:Unnamed|}(string Id, long Version);
            [StateReplica("a.state")] public sealed partial record {|#5:Generic|}<T>(string Id, long Version);
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic("EVF051").WithLocation(0).WithArguments("State replica 'NoIdentity' needs a public 'string Id' property (whose state it is), but it has no 'Id'; declare 'string Id'"),
            Verify.Diagnostic("EVF051").WithLocation(0).WithArguments("State replica 'NoIdentity' needs a public 'long Version' property (how new it is: older and repeated versions are ignored), but it has no 'Version'; declare 'long Version'"),
            Verify.Diagnostic("EVF051").WithLocation(1).WithArguments("State replica 'WrongTypes' needs a public 'string Id' property (whose state it is), but its 'Id' is 'int'; declare 'string Id'"),
            Verify.Diagnostic("EVF051").WithLocation(1).WithArguments("State replica 'WrongTypes' needs a public 'long Version' property (how new it is: older and repeated versions are ignored), but its 'Version' is 'int'; declare 'long Version'"),
            Verify.Diagnostic("EVF051").WithLocation(2).WithArguments("State replica 'NotARecord' is a class; a replica is a 'partial record' (a class: StateReplica<T> keeps and replaces whole copies)"),
            Verify.Diagnostic("EVF051").WithLocation(3).WithArguments("State replica 'Abstract' is abstract; the replica creates an instance per published state, so remove 'abstract'"),
            Verify.Diagnostic("EVF051").WithLocation(4).WithArguments("[StateReplica] on 'Unnamed' names no published state; give its name, e.g. [StateReplica(\"customer.state\")]"),
            Verify.Diagnostic("EVF051").WithLocation(5).WithArguments("State replica 'Generic' is generic; one replica copies one published state, so remove its type parameters"));
    }

    [Fact]
    public async Task A_name_the_known_publisher_does_not_publish_under_is_EVF054()
    {
        const string source = Customer + """
            [Aggregate("supplier")]
            public sealed partial class Supplier
            {
                public string Name { get; private set; } = "";
            }

            [{|#0:StateReplica("customer")|}] public sealed partial record ByCategory(string Id, long Version);
            [{|#1:StateReplica("Customer.state")|}] public sealed partial record ByCase(string Id, long Version);
            [{|#2:StateReplica("supplier.state")|}] public sealed partial record NotPublished(string Id, long Version);
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic("EVF054").WithLocation(0).WithArguments(
                "State replica 'ByCategory' reads the state 'customer', which nothing publishes; aggregate 'Customer' publishes its state as 'customer.state': did you mean 'customer.state'?"),
            Verify.Diagnostic("EVF054").WithLocation(1).WithArguments(
                "State replica 'ByCase' reads the state 'Customer.state', which nothing publishes; state names are matched exactly: did you mean 'customer.state'?"),
            Verify.Diagnostic("EVF054").WithLocation(2).WithArguments(
                "State replica 'NotPublished' reads the state 'supplier.state', which nothing publishes; aggregate 'Supplier' of category 'supplier' publishes no state: add [PublishesState] to it, and read 'supplier.state'"));
    }

    [Fact]
    public async Task The_publisher_in_a_referenced_assembly_is_checked_against()
    {
        // The publishing service's domain, compiled on its own and referenced as a built assembly.
        var references = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(Eventfold.EventAttribute).Assembly.Location));
        var publisher = CSharpCompilation.Create(
            "Customers.Domain",
            [CSharpSyntaxTree.ParseText(Customer)],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(publisher.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var test = new CSharpAnalyzerTest<StateReplicaAnalyzer, DefaultVerifier>
        {
            TestCode = """
                using Eventfold;

                [StateReplica("customer.state")]
                public sealed partial record CustomerView(string Id, long Version, string Name, int {|#0:CreditLimit|}, string {|#1:Email|});
                """,
            ReferenceAssemblies = TestReferences.None,
        };
        TestReferences.Apply(test.TestState);
        using var image = new MemoryStream();
        Assert.True(publisher.Emit(image).Success);
        test.TestState.AdditionalReferences.Add(MetadataReference.CreateFromImage(image.ToArray()));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("EVF053").WithLocation(0).WithArguments(
            "State replica 'CustomerView' declares 'CreditLimit' as 'int', but the state 'customer.state' (published by 'Customer') carries it as 'decimal'; declare it as 'decimal'"));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("EVF052").WithLocation(1).WithArguments(
            "State replica 'CustomerView' declares 'Email', which the state 'customer.state' (published by 'Customer') does not carry, so it is never set; it carries 'Name', 'CreditLimit', 'Tier'"));
        await test.RunAsync();
    }
}
