namespace Eventfold.Generators.Tests;

/// <summary>Event-carried state transfer inputs for the generator tests.</summary>
internal static class StateSamples
{
    /// <summary>The Customer of API.md: a published name and tier, an e-mail kept private, a nullable and a collection member.</summary>
    public const string Customer = """
        using System.Collections.Generic;
        using Eventfold;

        namespace Shop.Customers;

        [Event("CustomerRegistered")] public sealed record CustomerRegistered(string CustomerId, string Name, string Email);
        [Event("CustomerRenamed")] public sealed record CustomerRenamed(string CustomerId, string Name);
        [Event("CustomerTagged")] public sealed record CustomerTagged(string CustomerId, string Tag);

        [Aggregate("customer"), PublishesState]
        public sealed partial class Customer
        {
            public string Name { get; private set; } = "";
            [NotPublished] public string Email { get; private set; } = "";
            public string? Nickname { get; private set; }
            public List<string> Tags { get; } = new();
            public int @event;
            private int _renames;
            internal string Internal => "not public";
            public static string Kind => "static";

            public void Register(string name, string email) => Raise(new CustomerRegistered(Id, name, email));
            public void Rename(string name) => Raise(new CustomerRenamed(Id, name));
            public void Tag(string tag) => Raise(new CustomerTagged(Id, tag));

            private void Apply(CustomerRegistered e) { Name = e.Name; Email = e.Email; }
            private void Apply(CustomerRenamed e) { Name = e.Name; Nickname = "renamed"; _renames++; @event = _renames; }
            private void Apply(CustomerTagged e) => Tags.Add(e.Tag);
        }

        [StateReplica("customer.state")]
        public sealed partial record CustomerView(string Id, long Version, string Name, List<string> Tags);
        """;

    /// <summary>A nested internal aggregate at version 2 of its state, in the global namespace, and a nested replica.</summary>
    public const string NestedAccount = """
        using Eventfold;

        public static partial class Bank
        {
            [Event("AccountOpened")] public sealed record AccountOpened(string AccountId, decimal Limit);

            [Aggregate("account"), PublishesState(Version = 2)]
            internal sealed partial class Account
            {
                public decimal Limit { get; private set; }

                private void Apply(AccountOpened e) => Limit = e.Limit;
            }

            [StateReplica("account.state")]
            internal sealed partial record AccountView(string Id, long Version);
        }
        """;

    /// <summary>
    /// Published state in its second shape: version 1 of "member.state" (a name, no tier) is the hand-written
    /// <c>MemberStateV1</c>, and a typed upcaster returns the generated <c>MemberState</c> (version 2). An old replica
    /// (<c>MemberNameView</c>) declares only the version 1 shape.
    /// </summary>
    public const string MemberStateV2 = """
        using Eventfold;

        namespace Clubs.Members;

        [Event("MemberJoined")] public sealed record MemberJoined(string MemberId, string Name, string Tier);

        [Aggregate("member"), PublishesState(Version = 2)]
        public sealed partial class Member
        {
            public string Name { get; private set; } = "";
            public string Tier { get; private set; } = "";

            public void Join(string name, string tier) => Raise(new MemberJoined(Id, name, tier));

            private void Apply(MemberJoined e) { Name = e.Name; Tier = e.Tier; }
        }

        [Event("member.state", Version = 1)]
        public sealed record MemberStateV1(string Id, long Version, string Name);

        public static class MemberStateUpcasts
        {
            [Upcaster] public static MemberState ToV2(MemberStateV1 old) => new(old.Id, old.Version, old.Name, "standard");
        }

        [StateReplica("member.state")]
        public sealed partial record MemberView(string Id, long Version, string Name, string Tier);

        [StateReplica("member.state")]
        public sealed partial record MemberNameView(string Id, long Version, string Name);
        """;
}
