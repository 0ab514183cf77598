using System.Globalization;

namespace Eventfold;

/// <summary>
/// The metadata headers a migration adds to every event it writes: where the event came from, and when
/// the source event was stored (the target's own timestamps are those of the migration).
/// </summary>
public static class MigrationHeaders
{
    /// <summary>The source stream.</summary>
    public const string SourceStream = "eventfold.source-stream";

    /// <summary>The source event's version.</summary>
    public const string SourceVersion = "eventfold.source-version";

    /// <summary>The event's place among those its source event became (0 unless split).</summary>
    public const string SourcePart = "eventfold.source-part";

    /// <summary>When the source event was stored, as ISO 8601 ("O").</summary>
    public const string SourceTimestamp = "eventfold.source-timestamp";

    /// <summary>On the source's marker: the stream it was migrated into.</summary>
    public const string MigratedTo = "eventfold.migrated-to";

    internal static EventMetadata Provenance(RecordedEvent source, int part)
    {
        var metadata = source.Metadata;
        var headers = metadata.Headers is null
            ? new Dictionary<string, string>(4, StringComparer.Ordinal)
            : new Dictionary<string, string>(metadata.Headers, StringComparer.Ordinal);
        headers[SourceStream] = source.Stream;
        headers[SourceVersion] = source.Version.ToString(CultureInfo.InvariantCulture);
        headers[SourcePart] = part.ToString(CultureInfo.InvariantCulture);
        headers[SourceTimestamp] = source.Timestamp.ToString("O", CultureInfo.InvariantCulture);
        return metadata with { Headers = headers };
    }

    internal static bool TryReadSource(EventMetadata metadata, out string stream, out long version, out int part)
    {
        stream = "";
        version = -1;
        part = -1;
        return metadata.Headers is { } h
            && h.TryGetValue(SourceStream, out stream!)
            && h.TryGetValue(SourceVersion, out var v) && long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out version)
            && h.TryGetValue(SourcePart, out var p) && int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out part);
    }
}
