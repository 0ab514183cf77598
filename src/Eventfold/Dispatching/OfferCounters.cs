using System.Runtime.InteropServices;

namespace Eventfold;

/// <summary>
/// The counters producers write (offered, dropped, rejected), padded on both sides to a cache line, so
/// producers incrementing them do not invalidate the line of the fields workers read per message. A struct
/// held inline by the engine: an offer increments at a fixed offset from the engine, one load fewer than
/// through an object of its own.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 192)]
internal struct OfferCounters
{
    [FieldOffset(64)]
    public long Offered;

    [FieldOffset(72)]
    public long Dropped;

    [FieldOffset(80)]
    public long Rejected;
}
