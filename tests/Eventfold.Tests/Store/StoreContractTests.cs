namespace Eventfold.Tests.Store;

public sealed class StoreContractTests
{
    [Fact]
    public void Expected_versions_describe_which_stream_states_they_accept()
    {
        Assert.True(ExpectedVersion.Any.IsSatisfiedBy(-1));
        Assert.True(ExpectedVersion.Any.IsSatisfiedBy(9));
        Assert.True(ExpectedVersion.NoStream.IsSatisfiedBy(-1));
        Assert.False(ExpectedVersion.NoStream.IsSatisfiedBy(0));
        Assert.False(ExpectedVersion.StreamExists.IsSatisfiedBy(-1));
        Assert.True(ExpectedVersion.StreamExists.IsSatisfiedBy(0));
        ExpectedVersion three = 3;
        Assert.True(three.IsSatisfiedBy(3));
        Assert.False(three.IsSatisfiedBy(2));
        Assert.Equal(ExpectedVersion.NoStream, ExpectedVersion.Exactly(-1));
        Assert.Equal("StreamExists", ExpectedVersion.StreamExists.ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => ExpectedVersion.Exactly(-2));
    }

    [Fact]
    public void Global_positions_order_by_commit_then_prepare()
    {
        var positions = new[] { new GlobalPosition(5, 9), new GlobalPosition(5, 1), GlobalPosition.Start, GlobalPosition.FromSequence(3) };

        Assert.Equal([GlobalPosition.Start, GlobalPosition.FromSequence(3), new GlobalPosition(5, 1), new GlobalPosition(5, 9)], positions.Order());
        Assert.True(new GlobalPosition(5, 1) < new GlobalPosition(5, 9));
        Assert.Equal("3", GlobalPosition.FromSequence(3).ToString());
    }

    [Theory]
    [InlineData("order-1", null)]
    [InlineData("order.state-ä-1", null)]
    [InlineData("", "empty")]
    [InlineData("$all", "reserved")]
    [InlineData("eventfold.snapshot-order-1", "reserved for Eventfold")]
    [InlineData("a b", "white space")]
    [InlineData("a\u0001b", "control")]
    public void Stream_names_are_checked_with_a_reason(string name, string? reasonPart)
    {
        var reason = StreamName.Check(name);

        if (reasonPart is null)
        {
            Assert.Null(reason);
        }
        else
        {
            Assert.Contains(reasonPart, reason);
            var ex = Assert.Throws<InvalidStreamNameException>(() => StreamName.Validate(name));
            Assert.Contains(reasonPart, ex.Message);
        }
    }

    [Fact]
    public void Lone_surrogates_are_refused_and_pairs_are_allowed()
    {
        Assert.Contains("lone surrogate U+D800 at index 5", StreamName.Check("acct-\uD800"));
        Assert.Contains("lone surrogate U+DC00 at index 5", StreamName.Check("acct-\uDC00"));
        Assert.Contains("lone surrogate U+DC00 at index 0", StreamName.Check("\uDC00\uD800"));
        Assert.Null(StreamName.Check("acct-\uD83D\uDE00"));
    }

    [Fact]
    public void A_refused_name_is_quoted_readably_and_cut_after_100_characters()
    {
        var lone = Assert.Throws<InvalidStreamNameException>(() => StreamName.Validate("acct-\uD800"));
        Assert.Contains("'acct-\\uD800'", lone.Message);

        var pairAtTheCut = new string('a', 99) + "\uD83D\uDE00" + new string('b', 300);
        var cut = Assert.Throws<InvalidStreamNameException>(() => StreamName.Validate(pairAtTheCut));
        Assert.Contains("'" + new string('a', 99) + "... (401 characters)'", cut.Message);
    }

    [Fact]
    public void Idempotent_retries_are_recognised_only_at_an_allowed_place_with_the_same_ids()
    {
        var ids = new[] { Guid.NewGuid(), Guid.NewGuid() };
        var batch = ids.Select(id => new EventData(new object(), id, EventMetadata.Empty)).ToArray();
        Guid? StoredAt(long v) => v is >= 3 and <= 4 ? ids[v - 3] : null;

        Assert.True(IdempotentAppend.IsRetry(batch, 3, StoredAt, ExpectedVersion.Exactly(2)));
        Assert.True(IdempotentAppend.IsRetry(batch, 3, StoredAt, ExpectedVersion.Any));
        Assert.False(IdempotentAppend.IsRetry(batch, 3, StoredAt, ExpectedVersion.Exactly(4)));
        Assert.False(IdempotentAppend.IsRetry(batch, null, StoredAt, ExpectedVersion.Any));
        Assert.False(IdempotentAppend.IsRetry([.. batch.Reverse()], 3, StoredAt, ExpectedVersion.Any));
    }
}
