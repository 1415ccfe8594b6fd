using Olist.Pipeline.Catalog;
using Olist.Pipeline.Generation.Reference;
using Olist.Pipeline.Progress;

namespace Olist.Pipeline.Generation;

/// <summary>The measurements of a product as the products file lists them; null where the real file leaves a gap.</summary>
internal sealed record ProductSheet(int? NameLength, int? DescriptionLength, int? Photos, int? WeightGrams, int? LengthCm, int? HeightCm, int? WidthCm);

/// <summary>A product: its category (null when uncategorised), sheet, seller, list price and popularity.</summary>
internal sealed record Product(HexId Id, string? Category, ProductSheet Sheet, Seller Seller, long PriceCents, double Popularity);

/// <summary>Creates the products (real category mix, log-normal prices, the real file's gaps) and writes their file.</summary>
internal static class ProductFile
{
    private const long MinPriceCents = 85;
    private const long MaxPriceCents = 673_500;

    public static IReadOnlyList<Product> Create(DatasetSize size, IReadOnlyList<Seller> sellers, RandomStream random)
    {
        var categories = ProductCategories.Translated;
        var categoryPick = new WeightedIndex(categories.Select(c => (double)c.RealProducts));
        var sellerPick = new WeightedIndex(sellers.Select(s => s.ProductShare));

        // Planted gaps at the real rates: products without category (and without name, description and photos),
        // products in the categories the translation lacks, and products without weight and dimensions.
        var picks = random.Sample(size.Products, size.Products);
        var planted = new Dictionary<int, string?>();
        var next = 0;
        foreach (var _ in Enumerable.Range(0, size.Planted(ProductCategories.RealUncategorised)))
        {
            planted[picks[next++]] = null;
        }

        foreach (var untranslated in ProductCategories.Untranslated)
        {
            foreach (var _ in Enumerable.Range(0, size.Planted(untranslated.RealProducts)))
            {
                planted[picks[next++]] = untranslated.Portuguese;
            }
        }

        var withoutMeasures = picks.Skip(next).Take(size.Planted(2)).ToHashSet();
        var products = new Product[size.Products];
        for (var i = 0; i < products.Length; i++)
        {
            var category = planted.TryGetValue(i, out var plantedCategory) ? plantedCategory : categories[categoryPick.Next(random)].Portuguese;
            var sheet = Sheet(random, described: category is not null, measured: !withoutMeasures.Contains(i));
            products[i] = new Product(random.NextId(), category, sheet, sellers[sellerPick.Next(random)], Price(random), random.LogNormal(1, 1.2));
        }

        return products;
    }

    public static GeneratedFile Write(string directory, IReadOnlyList<Product> products, IProgress<WorkProgress>? progress, CancellationToken cancellationToken) =>
        CsvTableWriter.WriteFile(directory, OlistCatalog.Products, products, progress, (file, product) =>
        {
            var sheet = product.Sheet;
            file.Id(product.Id);
            file.Field(product.Category);
            file.Whole(sheet.NameLength);
            file.Whole(sheet.DescriptionLength);
            file.Whole(sheet.Photos);
            file.Whole(sheet.WeightGrams);
            file.Whole(sheet.LengthCm);
            file.Whole(sheet.HeightCm);
            file.Whole(sheet.WidthCm);
        },
        cancellationToken);

    private static ProductSheet Sheet(RandomStream random, bool described, bool measured)
    {
        int? Clamped(double value, int min, int max) => (int)Math.Clamp(Math.Round(value), min, max);
        return new ProductSheet(
            described ? Clamped(48.5 + (random.Normal() * 10), 5, 76) : null,
            described ? Clamped(random.LogNormal(600, 0.75), 4, 3992) : null,
            described ? Clamped(1 + random.Exponential(1.2), 1, 20) : null,
            measured ? Clamped(random.LogNormal(700, 1.5), 0, 40_425) : null,
            measured ? Clamped(random.LogNormal(25, 0.5), 7, 105) : null,
            measured ? Clamped(random.LogNormal(13, 0.7), 2, 105) : null,
            measured ? Clamped(random.LogNormal(20, 0.45), 6, 118) : null);
    }

    /// <summary>A log-normal list price (median about 75, mean about 120) ending in .90 or .99 as often as shop prices do.</summary>
    private static long Price(RandomStream random)
    {
        var cents = (long)Math.Round(random.LogNormal(7_500, 0.97));
        var ending = random.NextDouble();
        if (cents > 1_000 && ending < 0.5)
        {
            cents = (cents / 100 * 100) + (ending < 0.3 ? 90 : 99);
        }

        return Math.Clamp(cents, MinPriceCents, MaxPriceCents);
    }
}
