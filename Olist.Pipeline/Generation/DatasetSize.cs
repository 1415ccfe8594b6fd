namespace Olist.Pipeline.Generation;

/// <summary>How many rows of each kind a scale gives: the real dataset's counts times the scale, with floors for tiny scales.</summary>
internal sealed record DatasetSize(double Scale)
{
    public int Orders { get; } = Scaled(Scale, 99_441, 10);

    public int Products { get; } = Scaled(Scale, 32_951, 20);

    public int Sellers { get; } = Scaled(Scale, 3_095, 5);

    public int GeolocationRows { get; } = Scaled(Scale, 1_000_163, 200);

    /// <summary>Distinct zip prefixes in the geolocation file (about 19,000 in the real one).</summary>
    public int ZipPrefixes { get; } = Scaled(Scale, 19_015, 60);

    /// <summary>A planted quality problem's count: the real count scaled, but at least one so every flaw is present.</summary>
    public int Planted(int realCount) => Math.Max(1, Scaled(Scale, realCount, 1));

    private static int Scaled(double scale, int realCount, int floor) => Math.Max(floor, (int)Math.Round(realCount * scale, MidpointRounding.AwayFromZero));
}
