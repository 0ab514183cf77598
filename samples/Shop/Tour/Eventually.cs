namespace Shop.Tour;

/// <summary>Waits for what a hosted service does in the background (a live projection, a replica) to show.</summary>
internal static class Eventually
{
    public static async Task<bool> HoldsAsync(Func<Task<bool>> condition, CancellationToken ct, double seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(20, ct);
        }

        return true;
    }

    public static Task<bool> HoldsAsync(Func<bool> condition, CancellationToken ct, double seconds = 10) =>
        HoldsAsync(() => Task.FromResult(condition()), ct, seconds);
}
