namespace Eventfold;

/// <summary>
/// A runner no longer holds its projection's lease: another runner took it over (the lease expired while this
/// one was paused or cut off) or it was released. Whatever was being written under it was refused; the runner
/// stops handling and waits to take the lease again. Never parked: it is not the event's fault.
/// </summary>
public sealed class ProjectionLeaseLostException : Exception
{
    public ProjectionLeaseLostException(string projection, string owner, long token, string reason)
        : base($"Projection '{projection}': the lease of owner '{owner}' (token {token}) is lost: {reason}.")
    {
        Projection = projection;
        Owner = owner;
        Token = token;
    }

    public string Projection { get; }

    public string Owner { get; }

    public long Token { get; }
}
