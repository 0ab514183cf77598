namespace Eventfold;

/// <summary>
/// The right of one runner (<see cref="Owner"/>) to apply a projection's events until <see cref="ExpiresAt"/>
/// unless renewed. <see cref="Token"/> is the fencing token: it grows with every acquisition, so a write made
/// under an older token is refused once another runner took the lease.
/// </summary>
public sealed record ProjectionLease(string Projection, string Owner, long Token, DateTimeOffset ExpiresAt)
{
    /// <summary>Whether the lease has run out at <paramref name="now"/> (then another owner may take it).</summary>
    public bool IsExpiredAt(DateTimeOffset now) => now >= ExpiresAt;

    /// <summary>Whether <paramref name="other"/> is the same holding: same projection, owner and token (expiry aside).</summary>
    public bool IsSameHolding(ProjectionLease? other) =>
        other is not null && other.Projection == Projection && other.Owner == Owner && other.Token == Token;
}
