using Olist.Pipeline.Generation.Reference;

namespace Olist.Pipeline.Generation;

/// <summary>One zip code prefix of the geolocation file: its state, city, centre and how many points the file lists for it.</summary>
internal sealed record ZipArea(int Prefix, BrazilianState State, City City, double Latitude, double Longitude, int Points);

/// <summary>The zip prefixes of the dataset, shared by the geolocation file and the addresses of customers and sellers.</summary>
internal sealed class ZipDirectory
{
    private const double AreaSpreadDegrees = 0.04;

    private readonly HashSet<int> prefixes;
    private readonly Dictionary<BrazilianState, (City[] Cities, WeightedIndex CityPick)> citiesByState = [];
    private readonly Dictionary<City, List<ZipArea>> areasByCity = [];

    private ZipDirectory(IReadOnlyList<ZipArea> areas)
    {
        Areas = areas;
        prefixes = areas.Select(a => a.Prefix).ToHashSet();
        foreach (var area in areas)
        {
            if (!areasByCity.TryGetValue(area.City, out var list))
            {
                areasByCity[area.City] = list = [];
            }

            list.Add(area);
        }

        foreach (var state in BrazilianStates.All)
        {
            var cities = state.Cities.Where(areasByCity.ContainsKey).ToArray();
            citiesByState[state] = (cities, new WeightedIndex(cities.Select(c => c.Weight)));
        }
    }

    /// <summary>The areas in ascending prefix order, the order the geolocation file lists them.</summary>
    public IReadOnlyList<ZipArea> Areas { get; }

    /// <summary>Spreads the prefixes over the states (big states get more), cities (contiguous blocks, capital first) and points.</summary>
    public static ZipDirectory Build(DatasetSize size, RandomStream random)
    {
        var states = BrazilianStates.All;
        var perState = new WeightedIndex(states.Select(s => Math.Pow(s.CustomerShare, 0.6))).Apportion(size.ZipPrefixes - states.Count);
        var drafts = new List<(int Prefix, BrazilianState State, City City, double Latitude, double Longitude, double Weight)>();
        for (var s = 0; s < states.Count; s++)
        {
            var state = states[s];
            var rangeSize = state.LastZip - state.FirstZip + 1;
            var numbers = random.Sample(rangeSize, Math.Min(rangeSize, perState[s] + 1));
            Array.Sort(numbers);
            var perCity = new WeightedIndex(state.Cities.Select(c => c.Weight)).Apportion(numbers.Length);
            var next = 0;
            for (var c = 0; c < state.Cities.Count; c++)
            {
                var city = state.Cities[c];
                for (var i = 0; i < perCity[c]; i++, next++)
                {
                    drafts.Add((
                        state.FirstZip + numbers[next],
                        state,
                        city,
                        city.Latitude + (random.Normal() * AreaSpreadDegrees),
                        city.Longitude + (random.Normal() * AreaSpreadDegrees),
                        random.LogNormal(1, 0.9)));
                }
            }
        }

        drafts.Sort((a, b) => a.Prefix.CompareTo(b.Prefix));
        var extraPoints = new WeightedIndex(drafts.Select(d => d.Weight)).Apportion(Math.Max(0, size.GeolocationRows - drafts.Count));
        var areas = drafts.Select((d, i) => new ZipArea(d.Prefix, d.State, d.City, d.Latitude, d.Longitude, 1 + extraPoints[i])).ToArray();
        return new ZipDirectory(areas);
    }

    /// <summary>An area of the state for an address: a city by weight, then one of its prefixes.</summary>
    public ZipArea Pick(BrazilianState state, RandomStream random)
    {
        var (cities, cityPick) = citiesByState[state];
        var areas = areasByCity[cities[cityPick.Next(random)]];
        return areas[random.Next(areas.Count)];
    }

    /// <summary>A prefix of the area's state that the geolocation file lacks, as a few real addresses have; the area's own when none is free.</summary>
    public int MissingPrefixNear(ZipArea area, RandomStream random)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var candidate = random.Between(area.State.FirstZip, area.State.LastZip);
            if (!prefixes.Contains(candidate))
            {
                return candidate;
            }
        }

        return area.Prefix;
    }
}
