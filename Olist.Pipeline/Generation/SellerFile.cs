using Olist.Pipeline.Catalog;
using Olist.Pipeline.Generation.Reference;
using Olist.Pipeline.Progress;

namespace Olist.Pipeline.Generation;

/// <summary>A seller and how many products it tends to list relative to others.</summary>
internal sealed record Seller(HexId Id, Address Address, double ProductShare);

/// <summary>Creates the sellers (states as in the real file, few sellers with many products) and writes their file.</summary>
internal static class SellerFile
{
    public static IReadOnlyList<Seller> Create(DatasetSize size, ZipDirectory zips, RandomStream random)
    {
        var states = BrazilianStates.All;
        var statePick = new WeightedIndex(states.Select(s => (double)s.RealSellers));
        var sellers = new Seller[size.Sellers];
        for (var i = 0; i < sellers.Length; i++)
        {
            var address = Address.Draw(states[statePick.Next(random)], zips, random, missingPrefixShare: 0.002);
            sellers[i] = new Seller(random.NextId(), address, random.LogNormal(1, 1.3));
        }

        return sellers;
    }

    public static GeneratedFile Write(string directory, IReadOnlyList<Seller> sellers, IProgress<WorkProgress>? progress, CancellationToken cancellationToken) =>
        CsvTableWriter.WriteFile(directory, OlistCatalog.Sellers, sellers, progress, (file, seller) =>
        {
            file.Id(seller.Id);
            file.Zip(seller.Address.ZipPrefix);
            file.Field(seller.Address.City);
            file.Field(seller.Address.State.Code);
        },
        cancellationToken);
}
