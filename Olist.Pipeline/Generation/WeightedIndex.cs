namespace Olist.Pipeline.Generation;

/// <summary>Draws an index with probability proportional to its weight (cumulative table and binary search).</summary>
internal sealed class WeightedIndex
{
    private readonly double[] cumulative;

    public WeightedIndex(IEnumerable<double> weights)
    {
        var running = 0.0;
        cumulative = weights.Select(w => running += w).ToArray();
        if (cumulative.Length == 0 || running <= 0)
        {
            throw new ArgumentException("At least one weight must be positive.", nameof(weights));
        }
    }

    public int Count => cumulative.Length;

    public int Next(RandomStream random)
    {
        var target = random.NextDouble() * cumulative[^1];
        var index = Array.BinarySearch(cumulative, target);
        index = index < 0 ? ~index : index + 1;
        return Math.Min(index, cumulative.Length - 1);
    }

    /// <summary>Splits <paramref name="total"/> into whole parts proportional to the weights, summing exactly to the total.</summary>
    public int[] Apportion(int total)
    {
        var parts = new int[cumulative.Length];
        var previous = 0L;
        for (var i = 0; i < parts.Length; i++)
        {
            var upTo = (long)Math.Round(cumulative[i] / cumulative[^1] * total, MidpointRounding.AwayFromZero);
            parts[i] = (int)(upTo - previous);
            previous = upTo;
        }

        return parts;
    }
}
