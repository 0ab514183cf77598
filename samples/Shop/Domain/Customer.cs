using Eventfold;

namespace Shop.Domain;

/// <summary>
/// A loyalty account with a long history, so the repository keeps a snapshot every 5 events: a load
/// restores the newest one and replays only the events after it.
/// </summary>
[Aggregate("loyalty", SnapshotEvery = 5)]   // stream "loyalty-{id}": apart from the sales context's "customer-{id}"
public sealed partial class Customer
{
    public string Name { get; private set; } = "";

    public string Email { get; private set; } = "";

    public int Points { get; private set; }

    public List<string> Rewards { get; } = [];

    public void EarnPoints(int points, string reason) => Raise(new PointsEarned(Id, points, reason));

    public void Redeem(string reward, int cost)
    {
        if (cost > Points)
        {
            throw new InvalidOperationException($"customer {Id} has {Points} points, {reward} costs {cost}");
        }

        Raise(new RewardRedeemed(Id, reward, cost));
    }

    private void Apply(CustomerRegistered e)
    {
        Name = e.Name;
        Email = e.Email;
    }

    private void Apply(PointsEarned e) => Points += e.Points;

    private void Apply(RewardRedeemed e)
    {
        Points -= e.Cost;
        Rewards.Add(e.Reward);
    }
}
