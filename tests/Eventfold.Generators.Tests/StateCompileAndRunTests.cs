using System.Reflection;
using Eventfold.Generators.Tests.Infrastructure;

namespace Eventfold.Generators.Tests;

/// <summary>
/// The generated state record, mapping and registration compiled, loaded and run against the real runtime:
/// a save publishes the state, a replica reads it back. The scenario is compiled into the sample, so it calls
/// the generated code as a user would.
/// </summary>
public sealed class StateCompileAndRunTests
{
    private const string Scenario = """
        using System.Linq;
        using System.Threading.Tasks;
        using Eventfold;

        namespace Shop.Customers;

        public static class Scenario
        {
            public static async Task<string[]> RunAsync()
            {
                await using var store = new InMemoryEventStore();
                var customers = new AggregateRepository<Customer>(store);
                var customer = customers.Create("c-1");
                customer.Register("Ada", "ada@example.com");
                customer.Tag("vip");
                await customers.SaveAsync(customer);
                customer.Rename("Ada L.");
                await customers.SaveAsync(customer);

                var published = new System.Collections.Generic.List<string>();
                await foreach (var e in store.ReadStreamAsync("gen-customer.state-c-1", default))
                {
                    published.Add($"{e.EventName}@{e.SchemaVersion}:{e.Event}");
                }

                var replica = new StateReplica<CustomerView>(store);
                await replica.CatchUpAsync();
                var view = replica.Get("c-1")!;
                published.Add($"view:{view.Id}:{view.Version}:{view.Name}:{string.Join(",", view.Tags)}");
                return published.ToArray();
            }
        }
        """;

    private static readonly Lazy<CompiledSample> LazySample = new(() => CompiledSample.Load(
        "Eventfold.StateSample",
        StateSamples.Customer.Replace("\"customer\"", "\"gen-customer\"").Replace("\"customer.state\"", "\"gen-customer.state\"").Replace("\"Customer", "\"GenCustomer"),
        Scenario));

    private static CompiledSample Sample => LazySample.Value;

    [Fact]
    public void Sample_compiles_without_errors_or_warnings()
    {
        Assert.Contains("Shop.Customers.Customer.State.g.cs", Sample.Generated.Keys);
        Assert.Empty(Sample.Problems);
    }

    [Fact]
    public void State_record_has_the_identity_then_the_public_members_and_no_private_one()
    {
        var state = Sample.Type("Shop.Customers.CustomerState");
        var parameters = state.GetConstructors().Single(c => c.GetParameters().Length > 1).GetParameters();

        Assert.Equal(["Id", "Version", "Name", "Nickname", "Tags", "event"], parameters.Select(p => p.Name));
        Assert.DoesNotContain(state.GetProperties(), p => p.Name is "Email" or "Internal" or "Kind" or "_renames");
        Assert.True(typeof(IPublishedState).IsAssignableFrom(state));
        var attribute = state.GetCustomAttribute<EventAttribute>()!;
        Assert.Equal(("gen-customer.state", 1), (attribute.Name, attribute.Version));
    }

    [Fact]
    public void Module_initializer_registers_the_state_event()
    {
        var registration = Sample.Type("Eventfold.Generated.EventfoldStateRegistration_Shop_Customers_Customer");
        var registry = new EventRegistry();
        registration.GetMethod("RegisterAll", BindingFlags.Static | BindingFlags.NonPublic)!.Invoke(null, [registry]);

        Assert.True(registry.TryGetByType(Sample.Type("Shop.Customers.CustomerState"), out var type));
        Assert.Equal(("gen-customer.state", 1), (type.Name, type.Version));
    }

    [Fact]
    public async Task Each_save_publishes_the_new_state_and_a_replica_reads_it()
    {
        var run = (Task<string[]>)Sample.Type("Shop.Customers.Scenario").GetMethod("RunAsync")!.Invoke(null, null)!;
        string[] lines = await run;

        Assert.Equal(
            [
                "gen-customer.state@1:CustomerState { Id = c-1, Version = 1, Name = Ada, Nickname = , Tags = System.Collections.Generic.List`1[System.String], event = 0 }",
                "gen-customer.state@1:CustomerState { Id = c-1, Version = 2, Name = Ada L., Nickname = renamed, Tags = System.Collections.Generic.List`1[System.String], event = 1 }",
                "view:c-1:2:Ada L.:vip",
            ],
            lines);
        Assert.DoesNotContain(lines, l => l.Contains("ada@example.com", StringComparison.Ordinal));
    }
}
