using Olist.Pipeline.Generation.Reference;

namespace Olist.Pipeline.Generation;

/// <summary>Where a customer or seller is: zip prefix, city as written in the file, and state.</summary>
internal sealed record Address(int ZipPrefix, string City, BrazilianState State)
{
    /// <summary>An address in the state: mostly a geolocation prefix with the plain city spelling, rarely a prefix the geolocation lacks or a variant spelling.</summary>
    public static Address Draw(BrazilianState state, ZipDirectory zips, RandomStream random, double missingPrefixShare)
    {
        var area = zips.Pick(state, random);
        var prefix = random.Chance(missingPrefixShare) ? zips.MissingPrefixNear(area, random) : area.Prefix;
        var city = CitySpelling.Pick(area.City, random, accentedShare: 0.002, upperShare: 0.0005, properShare: 0.0005);
        return new Address(prefix, city, state);
    }
}
