using Eventfold.Analyzers.Rules;
using Eventfold.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Verify = Eventfold.Analyzers.Tests.Verifiers.AnalyzerVerifier<Eventfold.Analyzers.Rules.JsonContextAnalyzer>;

namespace Eventfold.Analyzers.Tests.Rules;

/// <summary>
/// EVF070: an event the context passed to EventSerializer.Create lacks; EVF071: no context in a Native AOT or trimmed
/// application; EVF072: a published state's or snapshot's member type the context has no metadata for.
/// </summary>
public sealed class JsonContextTests
{
    /// <summary>What System.Text.Json's generator would add to the context; the tests run without it.</summary>
    internal const string ContextBody = """
        {
            public AppJsonContext() : base(null) { }
            public static AppJsonContext Default { get; } = new();
            protected override JsonSerializerOptions? GeneratedSerializerOptions => null;
            public override JsonTypeInfo? GetTypeInfo(Type type) => null;
        }
        """;

    internal const string Header = """
        using System;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Text.Json.Serialization.Metadata;
        using Eventfold;

        [Event("cart-opened")]
        public sealed record CartOpened(string CartId);

        [Event("item-added")]
        public sealed record ItemAdded(string CartId, string Sku);

        public static class Setup
        {
            public static EventSerializer Serializer() => EventSerializer.Create(AppJsonContext.Default);
        }

        """;

    [Fact]
    public async Task A_context_that_lists_every_event_is_not_reported()
    {
        const string source = Header + """
            [JsonSerializable(typeof(CartOpened))]
            [JsonSerializable(typeof(ItemAdded))]
            internal sealed partial class AppJsonContext : JsonSerializerContext
            """ + ContextBody;

        await Verify.VerifyAsync(source);
    }

    /// <summary>A [PublishesState] customer and the record the state generator writes for it (the tests run without generators).</summary>
    internal const string Publisher = """
        public sealed record Money(decimal Amount, string Currency);

        [Aggregate("customer"), PublishesState]
        public sealed partial class Customer
        {
            public string Name { get; private set; } = "";
            public int Visits { get; private set; }
            public DateTimeOffset? LastSeen { get; private set; }
            public System.Collections.Generic.List<string> Tags { get; } = new();
            public Money Balance { get; private set; } = new(0m, "EUR");
        }

        [Event("customer.state")]
        [System.CodeDom.Compiler.GeneratedCode("Eventfold.Generators", "0.1.0")]
        public sealed record CustomerState(string Id, long Version, string Name, int Visits, DateTimeOffset? LastSeen, System.Collections.Generic.List<string> Tags, Money Balance) : IPublishedState;

        """;

    [Fact]
    public async Task A_generated_published_state_is_not_asked_for_but_its_member_types_are()
    {
        const string source = Header + Publisher + """
            [JsonSerializable(typeof(CartOpened))]
            [JsonSerializable(typeof(ItemAdded))]
            internal sealed partial class {|#0:AppJsonContext|} : JsonSerializerContext
            """ + ContextBody;

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic("EVF072").WithLocation(0).WithArguments("AppJsonContext", "List<string>", "Tags", "Customer", "published state"),
            Verify.Diagnostic("EVF072").WithLocation(0).WithArguments("AppJsonContext", "Money", "Balance", "Customer", "published state"));
    }

    [Fact]
    public async Task A_member_type_the_context_reaches_through_a_listed_type_is_not_reported()
    {
        const string source = Header + Publisher + """
            [Event("customer-tagged")]
            public sealed record CustomerTagged(string CustomerId, System.Collections.Generic.List<string> Tags, Money Fee);

            [JsonSerializable(typeof(CartOpened))]
            [JsonSerializable(typeof(ItemAdded))]
            [JsonSerializable(typeof(CustomerTagged))]
            internal sealed partial class AppJsonContext : JsonSerializerContext
            """ + ContextBody;

        await Verify.VerifyAsync(source);
    }

    [Fact]
    public async Task A_snapshots_member_types_are_asked_for_except_the_primitives()
    {
        const string source = Header + """
            [Aggregate("ledger", SnapshotEvery = 10)]
            public sealed partial class Ledger
            {
                private int _postings;
                private readonly System.Collections.Generic.Dictionary<string, decimal> _balances = new();
                public decimal Total { get; private set; }
            }

            [JsonSerializable(typeof(CartOpened))]
            [JsonSerializable(typeof(ItemAdded))]
            internal sealed partial class {|#0:AppJsonContext|} : JsonSerializerContext
            """ + ContextBody;

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic("EVF072").WithLocation(0).WithArguments("AppJsonContext", "Dictionary<string, decimal>", "_balances", "Ledger", "snapshot"));
    }

    [Fact]
    public async Task Each_event_the_context_lacks_is_reported_on_the_context()
    {
        const string source = Header + """
            [JsonSerializable(typeof(CartOpened))]
            internal sealed partial class {|#0:AppJsonContext|} : JsonSerializerContext
            """ + ContextBody;

        await Verify.VerifyAsync(source, Verify.Diagnostic("EVF070").WithLocation(0).WithArguments("AppJsonContext", "ItemAdded"));
    }

    [Fact]
    public async Task An_upcasters_source_type_and_an_older_version_are_asked_for_too()
    {
        const string source = Header + """
            [Event("item-added", Version = 1)]
            public sealed record ItemAddedV1(string CartId);

            public static class Upcasts
            {
                [Upcaster]
                public static ItemAdded ToV2(ItemAddedV1 old) => new(old.CartId, "unknown");
            }

            [JsonSerializable(typeof(CartOpened))]
            [JsonSerializable(typeof(ItemAdded))]
            internal sealed partial class {|#0:AppJsonContext|} : JsonSerializerContext
            """ + ContextBody;

        await Verify.VerifyAsync(source, Verify.Diagnostic("EVF070").WithLocation(0).WithArguments("AppJsonContext", "ItemAddedV1"));
    }

    [Fact]
    public async Task A_context_that_is_never_passed_to_EventSerializer_Create_is_not_checked()
    {
        const string source = """
            using System;
            using System.Text.Json;
            using System.Text.Json.Serialization;
            using System.Text.Json.Serialization.Metadata;
            using Eventfold;

            [Event("cart-opened")]
            public sealed record CartOpened(string CartId);

            public sealed record ApiResponse(string Text);

            [JsonSerializable(typeof(ApiResponse))]
            internal sealed partial class AppJsonContext : JsonSerializerContext
            """ + ContextBody;

        await Verify.VerifyAsync(source);
    }

    [Fact]
    public async Task The_part_with_the_attributes_is_reported_when_the_context_has_several()
    {
        string[] sources =
        [
            Header + """
                internal sealed partial class AppJsonContext : JsonSerializerContext
                """ + ContextBody,
            """
            using System.Text.Json.Serialization;

            [JsonSerializable(typeof(CartOpened))]
            internal sealed partial class {|#0:AppJsonContext|};
            """,
        ];

        await Verify.VerifyAsync(sources, Verify.Diagnostic("EVF070").WithLocation(0).WithArguments("AppJsonContext", "ItemAdded"));
    }

    [Theory]
    [InlineData("PublishAot")]
    [InlineData("PublishTrimmed")]
    public async Task A_native_application_without_a_context_is_told_what_to_add(string property)
    {
        const string source = """
            using Eventfold;

            [Event("cart-opened")]
            public sealed record {|#0:CartOpened|}(string CartId);

            [Event("item-added")]
            public sealed record ItemAdded(string CartId, string Sku);

            public static class Setup
            {
                public static EventStoreOptions Options() => new();
            }
            """;

        await Native(source, property, new DiagnosticResult(DiagnosticDescriptors.NoJsonContextForNativeAot).WithLocation(0).WithArguments(property, 2, "CartOpened"));
    }

    [Fact]
    public async Task A_native_application_that_passes_a_context_is_not_told_to_add_one()
    {
        const string source = Header + """
            [JsonSerializable(typeof(CartOpened))]
            [JsonSerializable(typeof(ItemAdded))]
            internal sealed partial class AppJsonContext : JsonSerializerContext
            """ + ContextBody;

        await Native(source, "PublishAot");
    }

    [Fact]
    public async Task A_native_application_that_builds_its_serializer_from_options_is_not_told_to_add_a_context()
    {
        const string source = """
            using System.Text.Json;
            using Eventfold;

            [Event("cart-opened")]
            public sealed record CartOpened(string CartId);

            public static class Setup
            {
                public static EventSerializer Serializer(JsonSerializerOptions options) => new(options: options);
            }
            """;

        await Native(source, "PublishAot");
    }

    [Fact]
    public async Task An_application_that_does_not_publish_natively_needs_no_context()
    {
        const string source = """
            using Eventfold;

            [Event("cart-opened")]
            public sealed record CartOpened(string CartId);
            """;

        await Verify.VerifyAsync(source);
    }

    private static Task Native(string source, string property, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<JsonContextAnalyzer, DefaultVerifier> { TestCode = source, ReferenceAssemblies = TestReferences.None };
        TestReferences.Apply(test.TestState);
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", $"is_global = true\nbuild_property.{property} = true\n"));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}
