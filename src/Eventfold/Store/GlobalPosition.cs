namespace Eventfold;

/// <summary>
/// A place in a store's global log. Embedded stores use one sequence number for both parts;
/// EventStoreDB uses its commit and prepare positions. Ordered by commit, then prepare.
/// </summary>
public readonly record struct GlobalPosition(ulong Commit, ulong Prepare) : IComparable<GlobalPosition>
{
    /// <summary>Before the first event of the log.</summary>
    public static GlobalPosition Start { get; } = new(0, 0);

    /// <summary>A position made of one sequence number, as the embedded stores use.</summary>
    public static GlobalPosition FromSequence(long sequence) => new((ulong)sequence, (ulong)sequence);

    public int CompareTo(GlobalPosition other)
    {
        int byCommit = Commit.CompareTo(other.Commit);
        return byCommit != 0 ? byCommit : Prepare.CompareTo(other.Prepare);
    }

    public static bool operator <(GlobalPosition left, GlobalPosition right) => left.CompareTo(right) < 0;

    public static bool operator >(GlobalPosition left, GlobalPosition right) => left.CompareTo(right) > 0;

    public static bool operator <=(GlobalPosition left, GlobalPosition right) => left.CompareTo(right) <= 0;

    public static bool operator >=(GlobalPosition left, GlobalPosition right) => left.CompareTo(right) >= 0;

    public override string ToString() => Commit == Prepare ? $"{Commit}" : $"{Commit}/{Prepare}";
}
