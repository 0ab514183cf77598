using System.Globalization;
using System.Runtime.CompilerServices;
using Eventfold.EventStoreDb.Mapping;
using Eventfold.EventStoreDb.Protocol;
using Eventfold.EventStoreDb.Protocol.Streams;
using ReadOptions = Eventfold.EventStoreDb.Protocol.Streams.ReadReq.Types.Options;
using WireEvent = Eventfold.EventStoreDb.Protocol.Streams.ReadResp.Types.ReadEvent.Types.RecordedEvent;

namespace Eventfold.EventStoreDb;

/// <summary>
/// Parked events, per projection, in the stream <c>eventfold.parked-{projection}</c> (see <see cref="InternalStreams"/>):
/// parking appends the record, replaying or discarding appends an end marker, and what is still parked is the
/// fold of that history. Once nothing is parked the stream is truncated (<c>$tb</c>), so listing stays cheap.
/// These are rare administrative writes and reads.
/// </summary>
public sealed partial class EventStoreDbEventStore : IParkedEventStore
{
    public async Task ParkAsync(ParkedEvent parked, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(parked);
        ArgumentException.ThrowIfNullOrEmpty(parked.Projection);
        await AppendInternalAsync(InternalStreams.ParkedStreamOf(parked.Projection), ExpectedVersion.Any, ParkedMapping.ToParkedMessage(parked), ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ParkedEvent>> ListAsync(string projection, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(projection);
        var (stillParked, _) = await ReadParkedAsync(projection, ct).ConfigureAwait(false);
        return [.. stillParked.Values];
    }

    /// <summary>
    /// Appends the end marker at the version the fold was read at, so of two racing removers only one is told
    /// true; the other reads again and finds the record gone.
    /// </summary>
    public async Task<bool> RemoveAsync(string projection, GlobalPosition position, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(projection);
        string parkedStream = InternalStreams.ParkedStreamOf(projection);
        while (true)
        {
            var (stillParked, lastRevision) = await ReadParkedAsync(projection, ct).ConfigureAwait(false);
            if (!stillParked.ContainsKey(position))
            {
                return false;
            }

            AppendResult appended;
            try
            {
                appended = await AppendInternalAsync(parkedStream, ExpectedVersion.Exactly(lastRevision), ParkedMapping.ToUnparkedMessage(position), ct).ConfigureAwait(false);
            }
            catch (WrongExpectedVersionException)
            {
                continue; // parked or removed meanwhile: decide on the new history
            }

            if (stillParked.Count == 1)
            {
                await WriteTruncateBeforeAsync(parkedStream, appended.NextExpectedVersion + 1, ct).ConfigureAwait(false);
            }

            return true;
        }
    }

    private async Task<(SortedDictionary<GlobalPosition, ParkedEvent> StillParked, long LastRevision)> ReadParkedAsync(string projection, CancellationToken ct)
    {
        var stillParked = new SortedDictionary<GlobalPosition, ParkedEvent>();
        long lastRevision = -1;
        await foreach (var e in ReadInternalStreamAsync(InternalStreams.ParkedStreamOf(projection), ct).ConfigureAwait(false))
        {
            ParkedMapping.Apply(projection, e, stillParked);
            lastRevision = (long)e.StreamRevision;
        }

        return (stillParked, lastRevision);
    }

    /// <summary>The stream's events from its first kept one, as the server sent them; a reconnection resumes after the last one read.</summary>
    private async IAsyncEnumerable<WireEvent> ReadInternalStreamAsync(string stream, [EnumeratorCancellation] CancellationToken ct)
    {
        ulong? next = null;
        ReadReq Request()
        {
            var streamOptions = new ReadOptions.Types.StreamOptions { StreamIdentifier = EventMapping.ToStreamIdentifier(stream) };
            if (next is { } from)
            {
                streamOptions.Revision = from;
            }
            else
            {
                streamOptions.Start = new Empty();
            }

            var o = NewReadOptions(forwards: true);
            o.Stream = streamOptions;
            o.Count = long.MaxValue;
            o.NoFilter = new Empty();
            return new ReadReq { Options = o };
        }

        await foreach (var response in ReadAsync($"read stream '{stream}'", stream, Request, subscription: false, ct).ConfigureAwait(false))
        {
            if (response.ContentCase == ReadResp.ContentOneofCase.StreamNotFound)
            {
                yield break;
            }

            if (response.ContentCase == ReadResp.ContentOneofCase.Event)
            {
                next = response.Event.Event.StreamRevision + 1;
                yield return response.Event.Event;
            }
        }
    }

    /// <summary>Lets the server drop the stream's events before <paramref name="revision"/>; later appends continue its versions.</summary>
    private async Task WriteTruncateBeforeAsync(string stream, long revision, CancellationToken ct)
    {
        var message = new AppendReq.Types.ProposedMessage
        {
            Id = Uuids.ToStringForm(Guid.NewGuid()),
            Data = Google.Protobuf.ByteString.CopyFromUtf8($"{{\"$tb\":{revision.ToString(CultureInfo.InvariantCulture)}}}"),
            CustomMetadata = Google.Protobuf.ByteString.Empty,
        };
        message.Metadata[EventMapping.TypeKey] = StreamMetadataEventType;
        message.Metadata[EventMapping.ContentTypeKey] = EventMapping.JsonContentType;
        await AppendMessagesAsync(MetadataStreamPrefix + stream, ExpectedVersion.Any, [new AppendReq { ProposedMessage = message }], StreamMetadataEventType, message.Data.Length, ct).ConfigureAwait(false);
    }
}
