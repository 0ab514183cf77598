using Eventfold.Analyzers.Rules;
using Eventfold.CodeFixes;
using Fix = Eventfold.Analyzers.Tests.Verifiers.CodeFixVerifier<Eventfold.Analyzers.Rules.PublishedStateAnalyzer, Eventfold.CodeFixes.AddNotPublishedCodeFixProvider>;
using Verify = Eventfold.Analyzers.Tests.Verifiers.AnalyzerVerifier<Eventfold.Analyzers.Rules.PublishedStateAnalyzer>;

namespace Eventfold.Analyzers.Tests.Rules;

/// <summary>EVF010 (with its fix) and EVF050: what a [PublishesState] aggregate publishes, as the state generator reads it.</summary>
public sealed class PublishedStateTests
{
    [Fact]
    public async Task Personal_data_that_would_be_published_is_EVF010_and_NotPublished_or_private_members_are_not()
    {
        const string source = """
            using Eventfold;

            [Aggregate("customer"), PublishesState]
            public sealed partial class Customer
            {
                public string Name { get; private set; } = "";
                [PersonalData] public string {|#0:Email|} { get; private set; } = "";
                [PersonalData, NotPublished] public string Phone { get; private set; } = "";
                [PersonalData] private string Address { get; set; } = "";
                [PersonalData] public string {|#1:Nickname|} = "";
            }

            [Aggregate("supplier")]
            public sealed partial class Supplier
            {
                [PersonalData] public string Email { get; private set; } = "";
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic("EVF010").WithLocation(0).WithArguments(
                "'Email' of 'Customer' is personal data, and the published state 'CustomerState' would carry it to every service that reads it; mark it [NotPublished], or remove [PersonalData] if it is not personal"),
            Verify.Diagnostic("EVF010").WithLocation(1).WithArguments(
                "'Nickname' of 'Customer' is personal data, and the published state 'CustomerState' would carry it to every service that reads it; mark it [NotPublished], or remove [PersonalData] if it is not personal"));
    }

    [Fact]
    public async Task The_fix_adds_NotPublished_beside_PersonalData_written_the_same_way()
    {
        const string source = """
            using Eventfold;

            [Aggregate("customer"), PublishesState]
            public sealed partial class Customer
            {
                [PersonalData] public string {|EVF010:Email|} { get; private set; } = "";

                /// <summary>The customer's phone.</summary>
                [Eventfold.PersonalDataAttribute]
                public string {|EVF010:Phone|} { get; private set; } = "";

                [PersonalData] public string {|EVF010:Nickname|} = "";
            }
            """;
        const string fixedSource = """
            using Eventfold;

            [Aggregate("customer"), PublishesState]
            public sealed partial class Customer
            {
                [PersonalData, NotPublished] public string Email { get; private set; } = "";

                /// <summary>The customer's phone.</summary>
                [Eventfold.PersonalDataAttribute, Eventfold.NotPublishedAttribute]
                public string Phone { get; private set; } = "";

                [PersonalData, NotPublished] public string Nickname = "";
            }
            """;

        await Fix.VerifyAsync(source, fixedSource);
    }

    [Fact]
    public async Task PublishesState_without_Aggregate_or_with_a_version_below_1_is_EVF050()
    {
        const string source = """
            using Eventfold;

            [{|#0:PublishesState|}]
            public sealed partial class Customer
            {
                public string Name { get; private set; } = "";
            }

            [Aggregate("supplier"), {|#1:PublishesState(Version = 0)|}]
            public sealed partial class Supplier
            {
                public string Name { get; private set; } = "";
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic("EVF050").WithLocation(0).WithArguments(
                "'Customer' has [PublishesState] but no [Aggregate]; only an aggregate's state is published after each save, so add [Aggregate(\"category\")] or remove [PublishesState]"),
            Verify.Diagnostic("EVF050").WithLocation(1).WithArguments(
                "[PublishesState] on 'Supplier' has Version = 0; the state is an event whose schema versions count from 1"));
    }
}
