namespace Eventfold;

/// <summary>
/// The counters producers write (offered, dropped, rejected), in an object of their own and padded, so
/// producers incrementing them do not invalidate the cache line of the fields workers read per message.
/// </summary>
internal sealed class OfferCounters
{
#pragma warning disable CS0169, IDE0051 // padding
    private readonly long _pad0, _pad1, _pad2, _pad3, _pad4, _pad5, _pad6;
#pragma warning restore CS0169, IDE0051
    public long Offered;
    public long Dropped;
    public long Rejected;
#pragma warning disable CS0169, IDE0051
    private readonly long _pad7, _pad8, _pad9, _pad10, _pad11, _pad12, _pad13;
#pragma warning restore CS0169, IDE0051
}
