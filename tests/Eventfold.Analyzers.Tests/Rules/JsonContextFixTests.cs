using Eventfold.Analyzers.Rules;
using Eventfold.Analyzers.Tests.Verifiers;
using Eventfold.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace Eventfold.Analyzers.Tests.Rules;

/// <summary>The fix of EVF070 and EVF072: [JsonSerializable(typeof(T))] on the context, below the ones it has.</summary>
public sealed class JsonContextFixTests
{
    private static class Fix
    {
        public static DiagnosticResult Diagnostic(string id) => CSharpCodeFixVerifier<JsonContextAnalyzer, AddJsonSerializableCodeFixProvider, DefaultVerifier>.Diagnostic(id);

        /// <summary>
        /// The diagnostic is reported at compilation end (it needs every EventSerializer.Create call), which the
        /// framework calls non-local; the IDE offers fixes for such diagnostics all the same.
        /// </summary>
        public static Task VerifyAsync(string source, string fixedSource, params DiagnosticResult[] expected)
        {
            var test = new CSharpCodeFixTest<JsonContextAnalyzer, AddJsonSerializableCodeFixProvider, DefaultVerifier>
            {
                TestCode = source,
                FixedCode = fixedSource,
                ReferenceAssemblies = TestReferences.None,
                CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
            };
            TestReferences.Apply(test.TestState);
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync();
        }
    }

    [Fact]
    public async Task The_missing_event_is_added_below_the_listed_ones()
    {
        const string source = JsonContextTests.Header + """
            /// <summary>The application's JSON.</summary>
            [JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
            [JsonSerializable(typeof(CartOpened))]
            internal sealed partial class {|#0:AppJsonContext|} : JsonSerializerContext
            """ + JsonContextTests.ContextBody;
        const string fixedSource = JsonContextTests.Header + """
            /// <summary>The application's JSON.</summary>
            [JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
            [JsonSerializable(typeof(CartOpened))]
            [JsonSerializable(typeof(ItemAdded))]
            internal sealed partial class AppJsonContext : JsonSerializerContext
            """ + JsonContextTests.ContextBody;

        await Fix.VerifyAsync(source, fixedSource, Fix.Diagnostic("EVF070").WithLocation(0).WithArguments("AppJsonContext", "ItemAdded"));
    }

    [Fact]
    public async Task Every_missing_event_is_added_to_a_context_without_attributes_in_a_namespace()
    {
        const string source = """
            using System;
            using System.Text.Json;
            using System.Text.Json.Serialization;
            using System.Text.Json.Serialization.Metadata;
            using Eventfold;

            namespace Shop.Events
            {
                [Event("cart-opened")]
                public sealed record CartOpened(string CartId);

                public static class Outer
                {
                    [Event("item-added")]
                    public sealed record ItemAdded(string CartId, string Sku);
                }
            }

            namespace Shop
            {
                public static class Setup
                {
                    public static EventSerializer Serializer() => EventSerializer.Create(AppJsonContext.Default);
                }

                // The application's JSON.
                internal sealed partial class {|#0:AppJsonContext|} : JsonSerializerContext
                {
                    public AppJsonContext() : base(null) { }
                    public static AppJsonContext Default { get; } = new();
                    protected override JsonSerializerOptions? GeneratedSerializerOptions => null;
                    public override JsonTypeInfo? GetTypeInfo(Type type) => null;
                }
            }
            """;
        const string fixedSource = """
            using System;
            using System.Text.Json;
            using System.Text.Json.Serialization;
            using System.Text.Json.Serialization.Metadata;
            using Eventfold;

            namespace Shop.Events
            {
                [Event("cart-opened")]
                public sealed record CartOpened(string CartId);

                public static class Outer
                {
                    [Event("item-added")]
                    public sealed record ItemAdded(string CartId, string Sku);
                }
            }

            namespace Shop
            {
                public static class Setup
                {
                    public static EventSerializer Serializer() => EventSerializer.Create(AppJsonContext.Default);
                }

                // The application's JSON.
                [JsonSerializable(typeof(Events.CartOpened))]
                [JsonSerializable(typeof(Events.Outer.ItemAdded))]
                internal sealed partial class AppJsonContext : JsonSerializerContext
                {
                    public AppJsonContext() : base(null) { }
                    public static AppJsonContext Default { get; } = new();
                    protected override JsonSerializerOptions? GeneratedSerializerOptions => null;
                    public override JsonTypeInfo? GetTypeInfo(Type type) => null;
                }
            }
            """;

        await Fix.VerifyAsync(
            source,
            fixedSource,
            Fix.Diagnostic("EVF070").WithLocation(0).WithArguments("AppJsonContext", "Shop.Events.CartOpened"),
            Fix.Diagnostic("EVF070").WithLocation(0).WithArguments("AppJsonContext", "Shop.Events.Outer.ItemAdded"));
    }

    [Fact]
    public async Task A_published_states_member_types_are_added_generic_ones_as_C_sharp_names_them()
    {
        const string source = JsonContextTests.Header + JsonContextTests.Publisher + """
            [JsonSerializable(typeof(CartOpened))]
            [JsonSerializable(typeof(ItemAdded))]
            internal sealed partial class {|#0:AppJsonContext|} : JsonSerializerContext
            """ + JsonContextTests.ContextBody;
        const string fixedSource = JsonContextTests.Header + JsonContextTests.Publisher + """
            [JsonSerializable(typeof(CartOpened))]
            [JsonSerializable(typeof(ItemAdded))]
            [JsonSerializable(typeof(System.Collections.Generic.List<string>))]
            [JsonSerializable(typeof(Money))]
            internal sealed partial class AppJsonContext : JsonSerializerContext
            """ + JsonContextTests.ContextBody;

        await Fix.VerifyAsync(
            source,
            fixedSource,
            Fix.Diagnostic("EVF072").WithLocation(0).WithArguments("AppJsonContext", "List<string>", "Tags", "Customer", "published state"),
            Fix.Diagnostic("EVF072").WithLocation(0).WithArguments("AppJsonContext", "Money", "Balance", "Customer", "published state"));
    }
}
