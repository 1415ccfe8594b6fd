using System.Numerics;

namespace Olist.Pipeline.Generation;

/// <summary>A deterministic random stream (xoshiro256**, seeded through SplitMix64) so the same seed gives the same dataset on every machine.</summary>
internal sealed class RandomStream
{
    private ulong s0;
    private ulong s1;
    private ulong s2;
    private ulong s3;

    private RandomStream(ulong seed)
    {
        s0 = SplitMix(ref seed);
        s1 = SplitMix(ref seed);
        s2 = SplitMix(ref seed);
        s3 = SplitMix(ref seed);
    }

    /// <summary>An independent stream for one part of the dataset, so parts can be generated in any order or in parallel.</summary>
    public static RandomStream For(int seed, string purpose)
    {
        // FNV-1a over the purpose: a stable hash, unlike string.GetHashCode which is randomised per process.
        var hash = 14695981039346656037UL;
        foreach (var c in purpose)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return new RandomStream(hash ^ ((ulong)(uint)seed * 0x9E3779B97F4A7C15UL));
    }

    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = BitOperations.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>A uniform number in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform whole number in [0, <paramref name="count"/>).</summary>
    public int Next(int count) => (int)((NextUInt64() >> 33) * (ulong)count >> 31);

    /// <summary>A uniform whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int Between(int min, int max) => min + Next(max - min + 1);

    /// <summary>True with probability <paramref name="probability"/>.</summary>
    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>A standard normal number (Box-Muller).</summary>
    public double Normal()
    {
        var u = 1.0 - NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * NextDouble());
    }

    /// <summary>A log-normal number with the given median and spread of its logarithm.</summary>
    public double LogNormal(double median, double sigma) => median * Math.Exp(sigma * Normal());

    /// <summary>An exponential number with the given mean.</summary>
    public double Exponential(double mean) => -mean * Math.Log(1.0 - NextDouble());

    /// <summary>A 128-bit identifier, written as 32 lowercase hex characters like the real ids.</summary>
    public HexId NextId() => new(NextUInt64(), NextUInt64());

    /// <summary>Picks <paramref name="count"/> distinct indexes of [0, <paramref name="total"/>) (partial Fisher-Yates), in pick order.</summary>
    public int[] Sample(int total, int count)
    {
        var pool = new int[total];
        for (var i = 0; i < total; i++)
        {
            pool[i] = i;
        }

        count = Math.Min(count, total);
        for (var i = 0; i < count; i++)
        {
            var j = i + Next(total - i);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }

        return pool[..count];
    }

    private static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
