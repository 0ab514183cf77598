namespace Eventfold.Sqlite.CrashHost;

/// <summary>
/// What the host appends. Each event names its writer, its batch, the batch's size and its place in the
/// batch, so a reader can tell a whole batch from a torn one. Compiled into the tests too (linked file).
/// </summary>
public sealed record CrashHostEvent(string Writer, int Batch, int Size, int Index, string Padding)
{
    public const string Name = "CrashHostEvent";

    /// <summary>A serializer that knows only this event, so host and tests agree without the generator.</summary>
    public static EventSerializer CreateSerializer()
    {
        var registry = new EventRegistry();
        registry.Register<CrashHostEvent>(Name, 1);
        return new EventSerializer(registry);
    }
}
