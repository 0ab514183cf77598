using System.Text.RegularExpressions;
using Eventfold.EventStoreDb.Mapping;
using Expression = Eventfold.EventStoreDb.Protocol.Streams.ReadReq.Types.Options.Types.FilterOptions;

namespace Eventfold.EventStoreDb.Tests;

public class FilterMappingTests
{
    [Fact]
    public void Event_names_become_an_anchored_regex_that_matches_only_those_names()
    {
        var options = FilterMapping.ToFilterOptions(EventFilter.ForEventNames("ItemAdded", "Order.Placed"), 1);

        Assert.Equal(Expression.FilterOneofCase.EventType, options.FilterCase);
        var regex = new Regex(options.EventType.Regex);
        Assert.Matches(regex, "ItemAdded");
        Assert.Matches(regex, "Order.Placed");
        Assert.DoesNotMatch(regex, "ItemAddedV2");
        Assert.DoesNotMatch(regex, "OrderXPlaced");
        Assert.DoesNotMatch(regex, "$metadata");
    }

    [Fact]
    public void Stream_prefixes_are_sent_as_prefixes()
    {
        var options = FilterMapping.ToFilterOptions(EventFilter.ForStreamPrefixes("cart-", "order-"), 1);

        Assert.Equal(Expression.FilterOneofCase.StreamIdentifier, options.FilterCase);
        Assert.Equal(["cart-", "order-"], options.StreamIdentifier.Prefix);
    }

    [Fact]
    public void No_filter_still_leaves_out_system_streams()
    {
        var options = FilterMapping.ToFilterOptions(null, 1);

        var regex = new Regex(options.StreamIdentifier.Regex);
        Assert.Matches(regex, "cart-1");
        Assert.DoesNotMatch(regex, "$$cart-1");
        Assert.DoesNotMatch(regex, "$stats-127.0.0.1:2113");
    }

    [Fact]
    public void No_filter_leaves_out_the_checkpoint_snapshot_and_parked_streams_but_not_other_eventfold_names()
    {
        var regex = new Regex(FilterMapping.ToFilterOptions(null, 1).StreamIdentifier.Regex);

        Assert.DoesNotMatch(regex, "eventfold.checkpoint-cart-summary");
        Assert.DoesNotMatch(regex, "eventfold.snapshot-cart-1");
        Assert.DoesNotMatch(regex, "eventfold.parked-order-totals");
        Assert.Matches(regex, "eventfold.orders-1");
        Assert.Matches(regex, "cart-eventfold.snapshot-1");
    }

    [Fact]
    public void Empty_lists_match_nothing()
    {
        Assert.DoesNotMatch(new Regex(FilterMapping.ToFilterOptions(EventFilter.ForEventNames(), 1).EventType.Regex), "ItemAdded");
        Assert.DoesNotMatch(new Regex(FilterMapping.ToFilterOptions(EventFilter.ForStreamPrefixes(), 1).StreamIdentifier.Regex), "cart-1");
    }

    [Fact]
    public void Checkpoint_interval_is_at_least_one_and_the_window_is_the_servers_batch()
    {
        Assert.Equal(1u, FilterMapping.ToFilterOptions(null, 0).CheckpointIntervalMultiplier);
        Assert.Equal(5u, FilterMapping.ToFilterOptions(null, 5).CheckpointIntervalMultiplier);
        Assert.Equal(Expression.WindowOneofCase.Count, FilterMapping.ToFilterOptions(null, 5).WindowCase);
    }

    [Fact]
    public void A_filter_on_names_and_prefixes_is_finished_on_the_client()
    {
        var both = new EventFilter { EventNames = ["ItemAdded"], StreamPrefixes = ["cart-"] };

        Assert.False(FilterMapping.IsExactOnServer(both));
        Assert.True(FilterMapping.IsExactOnServer(EventFilter.ForEventNames("ItemAdded")));
        Assert.True(FilterMapping.IsExactOnServer(null));
        Assert.Equal(Expression.FilterOneofCase.EventType, FilterMapping.ToFilterOptions(both, 1).FilterCase);
    }
}
