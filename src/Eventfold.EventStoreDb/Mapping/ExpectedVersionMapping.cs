using Eventfold.EventStoreDb.Protocol;
using Eventfold.EventStoreDb.Protocol.Streams;

namespace Eventfold.EventStoreDb.Mapping;

/// <summary>Optimistic concurrency both ways: our expected versions out, the server's refusals back.</summary>
internal static class ExpectedVersionMapping
{
    public static AppendReq.Types.Options ToAppendOptions(string stream, ExpectedVersion expected)
    {
        var options = new AppendReq.Types.Options { StreamIdentifier = EventMapping.ToStreamIdentifier(stream) };
        if (expected.IsAny)
        {
            options.Any = new Empty();
        }
        else if (expected.IsNoStream)
        {
            options.NoStream = new Empty();
        }
        else if (expected.IsStreamExists)
        {
            options.StreamExists = new Empty();
        }
        else
        {
            options.Revision = checked((ulong)expected.Value);
        }

        return options;
    }

    /// <summary>The stream's version in a wrong-expected-version answer; -1 when the stream does not exist.</summary>
    public static long ActualVersion(AppendResp.Types.WrongExpectedVersion answer) => answer.CurrentRevisionOptionCase switch
    {
        AppendResp.Types.WrongExpectedVersion.CurrentRevisionOptionOneofCase.CurrentRevision => checked((long)answer.CurrentRevision),
        AppendResp.Types.WrongExpectedVersion.CurrentRevisionOptionOneofCase.CurrentNoStream => -1,
        // Servers before 20.6.1 answer in the older fields only.
        _ => answer.CurrentRevisionOption2060Case == AppendResp.Types.WrongExpectedVersion.CurrentRevisionOption2060OneofCase.CurrentRevision2060
            ? checked((long)answer.CurrentRevision2060)
            : -1,
    };

    /// <summary>The stream's version after a successful append; -1 when it still does not exist (an empty append).</summary>
    public static long CurrentVersion(AppendResp.Types.Success success) =>
        success.CurrentRevisionOptionCase == AppendResp.Types.Success.CurrentRevisionOptionOneofCase.CurrentRevision
            ? checked((long)success.CurrentRevision)
            : -1;

    public static GlobalPosition PositionOf(AppendResp.Types.Success success) =>
        success.PositionOptionCase == AppendResp.Types.Success.PositionOptionOneofCase.Position
            ? new GlobalPosition(success.Position.CommitPosition, success.Position.PreparePosition)
            : GlobalPosition.Start;
}
