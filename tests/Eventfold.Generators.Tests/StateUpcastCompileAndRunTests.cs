using Eventfold.Generators.Tests.Infrastructure;

namespace Eventfold.Generators.Tests;

/// <summary>
/// Schema evolution of published state, compiled and run: a version 1 state stored by an older release is read
/// as the generated version 2 record through a typed upcaster whose return type is that generated record, and
/// a replica of the old shape keeps reading both versions, in memory and on the embedded SQLite store.
/// </summary>
public sealed class StateUpcastCompileAndRunTests
{
    private const string Scenario = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Eventfold;

        namespace Clubs.Members;

        public static class Scenario
        {
            public static async Task<string[]> RunAsync(IEventStore store)
            {
                // What an older release published: version 1 of the state, written as that version.
                await store.AppendAsync("gen-member.state-m-1", ExpectedVersion.NoStream,
                    [new EventData(new MemberStateV1("m-1", 0, "Ada"), System.Guid.NewGuid(), EventMetadata.Empty)]);

                var members = new AggregateRepository<Member>(store);
                var grace = members.Create("m-2");
                grace.Join("Grace", "gold");
                await members.SaveAsync(grace);

                var lines = new List<string>();
                await foreach (var e in store.ReadStreamAsync("gen-member.state-m-1", default))
                {
                    lines.Add($"stored:{e.EventName}@{e.SchemaVersion}:{e.Event}");
                }

                var replica = new StateReplica<MemberView>(store);
                await replica.CatchUpAsync();
                lines.Add($"view:{replica.Get("m-1")}");
                lines.Add($"view:{replica.Get("m-2")}");

                var old = new StateReplica<MemberNameView>(store);
                await old.CatchUpAsync();
                lines.Add($"old:{old.Get("m-1")}");
                lines.Add($"old:{old.Get("m-2")}");
                return lines.ToArray();
            }
        }
        """;

    private static readonly Lazy<CompiledSample> LazySample = new(() => CompiledSample.Load(
        "Eventfold.StateUpcastSample",
        StateSamples.MemberStateV2.Replace("\"member\"", "\"gen-member\"").Replace("\"member.state\"", "\"gen-member.state\"").Replace("\"MemberJoined\"", "\"GenMemberJoined\""),
        Scenario));

    private static CompiledSample Sample => LazySample.Value;

    [Fact]
    public void Sample_compiles_without_errors_or_warnings_and_registers_the_typed_upcaster()
    {
        Assert.Empty(Sample.Problems);
        var registration = Sample.Generated["EventfoldEventRegistration.g.cs"];
        Assert.Contains(
            "registry.RegisterUpcaster<global::Clubs.Members.MemberStateV1, global::Clubs.Members.MemberState>(\"gen-member.state\", 1, global::Clubs.Members.MemberStateUpcasts.ToV2);",
            registration);
    }

    [Theory]
    [InlineData("in-memory")]
    [InlineData("sqlite")]
    public async Task A_stored_version_1_state_is_read_as_the_generated_record_and_an_old_replica_keeps_reading(string storeKind)
    {
        string file = Path.Combine(Path.GetTempPath(), $"eventfold-state-upcast-{Guid.NewGuid():N}.db");
        string[] lines;
        try
        {
            await using IEventStore store = storeKind == "sqlite" ? new Eventfold.Sqlite.SqliteEventStore(file) : new InMemoryEventStore();
            var run = Sample.Type("Clubs.Members.Scenario").GetMethod("RunAsync")!;
            lines = await (Task<string[]>)run.Invoke(null, [store])!;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (string leftover in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(file) + "*"))
            {
                File.Delete(leftover);
            }
        }

        Assert.Equal(
            [
                "stored:gen-member.state@1:MemberState { Id = m-1, Version = 0, Name = Ada, Tier = standard }",
                "view:MemberView { Id = m-1, Version = 0, Name = Ada, Tier = standard }",
                "view:MemberView { Id = m-2, Version = 0, Name = Grace, Tier = gold }",
                "old:MemberNameView { Id = m-1, Version = 0, Name = Ada }",
                "old:MemberNameView { Id = m-2, Version = 0, Name = Grace }",
            ],
            lines);
    }
}
