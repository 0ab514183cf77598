using System.Reflection;
using Eventfold.Generators.Tests.Infrastructure;

namespace Eventfold.Generators.Tests;

/// <summary>
/// Compile-and-run checks of which Apply methods the generated dispatch calls: a base class's
/// reachable Apply (and an override of one), 'in' parameters, and type and namespace names that are
/// C# keywords.
/// </summary>
public sealed class ApplyResolutionTests
{
    private const string Ledger = """
        using Eventfold;

        namespace Resolution;

        [Event("resolution.credited")] public sealed record Credited(decimal Amount);
        [Event("resolution.debited")] public sealed record Debited(decimal Amount);
        [Event("resolution.noted")] public readonly record struct Noted(string Text);

        public abstract class LedgerBase
        {
            public decimal Balance { get; private set; }

            protected void Apply(Credited e) => Balance += e.Amount;
            protected virtual void Apply(Debited e) => Balance -= e.Amount;
        }

        [Aggregate("resolution-ledger")]
        public sealed partial class Ledger : LedgerBase
        {
            public int Debits { get; private set; }
            public int Notes { get; private set; }

            public void Credit(decimal amount) => Raise(new Credited(amount));
            public void Debit(decimal amount) => Raise(new Debited(amount));
            public void Note(string text) => Raise(new Noted(text));

            protected override void Apply(Debited e) { base.Apply(e); Debits++; }
            private void Apply(in Noted e) => Notes++;
        }
        """;

    private const string Keywords = """
        #pragma warning disable CS8981 // lower-case type names are the point of this sample
        using System.Text.Json.Nodes;
        using Eventfold;

        namespace Resolution.@class
        {
            [Event("keyword.event", Version = 2)] public sealed record @event(int Value);

            public static class Upcasts
            {
                [Upcaster("keyword.event", FromVersion = 1)]
                public static JsonObject @default(JsonObject old) { old["value"] = 7; return old; }
            }

            [Aggregate("resolution-keywords")]
            public sealed partial class @checked
            {
                public int Total { get; private set; }

                public void Add(int value) => Raise(new @event(value));

                private void Apply(@event e) => Total += e.Value;
            }
        }
        """;

    [Fact]
    public async Task Base_class_Apply_methods_an_override_and_an_in_parameter_are_all_called()
    {
        var sample = CompiledSample.Load("Eventfold.ApplyResolution", Ledger);
        Assert.Empty(sample.Problems);

        var ledger = await RoundTrip(sample, "Resolution.Ledger", "l-1", l =>
        {
            CompiledSample.Call(l, "Credit", 10m);
            CompiledSample.Call(l, "Debit", 3m);
            CompiledSample.Call(l, "Note", "checked");
        });

        Assert.Equal(7m, CompiledSample.Get<decimal>(ledger, "Balance"));
        Assert.Equal(1, CompiledSample.Get<int>(ledger, "Debits"));
        Assert.Equal(1, CompiledSample.Get<int>(ledger, "Notes"));
    }

    [Fact]
    public async Task Keyword_type_namespace_and_method_names_are_escaped_in_generated_code()
    {
        var sample = CompiledSample.Load("Eventfold.KeywordNames", Keywords);
        Assert.DoesNotContain(sample.Problems, p => p.Id != "CS8981");
        Assert.Contains("namespace Resolution.@class", sample.Generated["Resolution.class.checked.g.cs"]);
        Assert.Contains("global::Resolution.@class.Upcasts.@default", sample.Generated["EventfoldEventRegistration.g.cs"]);

        var aggregate = await RoundTrip(sample, "Resolution.class.checked", "k-1", a => CompiledSample.Call(a, "Add", 5));

        Assert.Equal(5, CompiledSample.Get<int>(aggregate, "Total"));
        var upcast = new EventSerializer(sample.NewRegistry()).Deserialize("k", 0, "keyword.event", 1, """{"value":1}"""u8);
        Assert.Equal(7, CompiledSample.Get<int>(upcast, "Value"));
    }

    /// <summary>Creates the aggregate, runs the commands, saves, and returns it loaded back from the store.</summary>
    private static Task<object> RoundTrip(CompiledSample sample, string typeName, string id, Action<object> commands)
    {
        var store = new InMemoryEventStore(new EventStoreOptions { Serializer = new EventSerializer(sample.NewRegistry()) });
        var body = typeof(ApplyResolutionTests).GetMethod(nameof(RoundTripAsync), BindingFlags.Static | BindingFlags.NonPublic)!
            .MakeGenericMethod(sample.Type(typeName));
        return (Task<object>)body.Invoke(null, [store, id, commands])!;
    }

    private static async Task<object> RoundTripAsync<T>(IEventStore store, string id, Action<object> commands)
        where T : class, IEventSourced<T>
    {
        var repository = new AggregateRepository<T>(store);
        T aggregate = repository.Create(id);
        commands(aggregate);
        await repository.SaveAsync(aggregate);
        return (await repository.LoadAsync(id))!;
    }
}
