using Olist.Pipeline.Catalog;
using Olist.Pipeline.Generation.Reference;
using Olist.Pipeline.Progress;

namespace Olist.Pipeline.Generation;

/// <summary>Writes the geolocation file: many points per prefix, with the real file's exact duplicates, mixed city spellings and stray points abroad.</summary>
internal static class GeolocationFile
{
    /// <summary>Share of rows that repeat an earlier row of the same prefix exactly (26% in the real file).</summary>
    private const double DuplicateShare = 0.262;

    private const double PointSpreadDegrees = 0.006;

    /// <summary>Places outside Brazil's bounding box that real rows point at (Portugal, Spain, the Atlantic, the USA).</summary>
    private static readonly (double Latitude, double Longitude)[] PlacesAbroad =
    [
        (38.72, -9.14), (41.15, -8.61), (40.42, -3.70), (14.92, -23.51), (42.36, -71.06), (-4.10, -32.40),
    ];

    public static GeneratedFile Write(string directory, DatasetSize size, ZipDirectory zips, RandomStream random, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        var rows = zips.Areas.Sum(a => a.Points);
        var abroad = random.Sample(rows, size.Planted(29)).ToHashSet();

        // The first point of a prefix is never a copy, so copies among the others are a little more frequent.
        var copyChance = DuplicateShare * rows / Math.Max(1, rows - zips.Areas.Count);
        var points = new List<(double Latitude, double Longitude, string City)>();
        using var file = new CsvTableWriter(directory, OlistCatalog.Geolocation, rows, progress, cancellationToken);
        foreach (var area in zips.Areas)
        {
            points.Clear();
            for (var i = 0; i < area.Points; i++)
            {
                var point = points.Count > 0 && random.Chance(copyChance)
                    ? points[random.Next(points.Count)]
                    : NewPoint(area, random, abroad.Contains((int)file.Rows));
                points.Add(point);
                file.Zip(area.Prefix);
                file.Real(point.Latitude);
                file.Real(point.Longitude);
                file.Field(point.City);
                file.Field(area.State.Code);
                file.EndRecord();
            }
        }

        return file.Complete();
    }

    private static (double Latitude, double Longitude, string City) NewPoint(ZipArea area, RandomStream random, bool abroad)
    {
        var city = CitySpelling.Pick(area.City, random, accentedShare: 0.12, upperShare: 0.01, properShare: 0.005);
        if (abroad)
        {
            var place = PlacesAbroad[random.Next(PlacesAbroad.Length)];
            return (place.Latitude + (random.Normal() * 0.05), place.Longitude + (random.Normal() * 0.05), city);
        }

        return (area.Latitude + (random.Normal() * PointSpreadDegrees), area.Longitude + (random.Normal() * PointSpreadDegrees), city);
    }
}
