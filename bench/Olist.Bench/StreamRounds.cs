namespace Olist.Bench;

/// <summary>
/// The frame the stream benchmarks share: generated events over a small catalog warehouse, then five rounds (a cold one,
/// a warm-up, three measured), each in its own folder on its own copy of the warehouse. The first rounds run on a cold
/// process (the JIT still compiling and re-optimising both paths); the measured rounds are sustained operation, and the
/// median of their ratios is the figure.
/// </summary>
internal sealed class StreamRounds
{
    private static readonly string[] Rounds = ["cold", "warm-up", "measured 1", "measured 2", "measured 3"];

    private readonly ScratchDirectory _root;
    private readonly DuckDbWarehouse _catalogWarehouse;

    private StreamRounds(ScratchDirectory root, DuckDbWarehouse catalogWarehouse, LiveCatalog catalog, List<byte[]> bodies)
    {
        _root = root;
        _catalogWarehouse = catalogWarehouse;
        Catalog = catalog;
        Bodies = bodies;
    }

    /// <summary>The products and customers the events refer to.</summary>
    public LiveCatalog Catalog { get; }

    /// <summary>The generated events, as the JSON bodies a publisher sends.</summary>
    public List<byte[]> Bodies { get; }

    /// <summary>The events' size in MB of JSON.</summary>
    public double Megabytes => Bodies.Sum(b => b.Length) / 1e6;

    /// <summary>Loads a small generated catalog (scale 0.01) into a warehouse in <paramref name="root"/> and generates <paramref name="events"/> events over it.</summary>
    public static async Task<StreamRounds> CreateAsync(ScratchDirectory root, int events, CancellationToken cancellationToken)
    {
        var sources = root.Combine("sources");
        DuckDbWarehouse warehouse;
        await using (var services = BenchWarehouse.Services(root.Path))
        {
            await services.GetRequiredService<OlistGenerator>().GenerateAsync(new GenerationOptions(0.01, 42, sources, new DateOnly(2018, 8, 31)), progress: null, cancellationToken);
            await services.GetRequiredService<CsvLoader>().LoadAsync(sources, progress: null, cancellationToken);
            warehouse = services.GetRequiredService<DuckDbWarehouse>();
        }

        var catalog = await new DuckDbLiveCatalogReader(warehouse).ReadAsync(2_000, cancellationToken);
        var generator = new LiveOrderGenerator(catalog, new LiveGeneratorOptions(Seed: 7, StatusChangeDelay: TimeSpan.Zero), TimeProvider.System);
        return new StreamRounds(root, warehouse, catalog, [.. Enumerable.Range(0, events).Select(_ => generator.Next().Body)]);
    }

    /// <summary>
    /// Runs <paramref name="round"/> (given the round's name, folder and warehouse copy, it returns the round's ratio) in
    /// every round; returns the median ratio of the measured rounds.
    /// </summary>
    public async Task<double> RunAsync(Func<string, string, DuckDbWarehouse, Task<double>> round)
    {
        var measured = new List<double>();
        foreach (var name in Rounds)
        {
            var folder = _root.Combine(name.Replace(' ', '-'));
            Directory.CreateDirectory(folder);
            var warehouse = new DuckDbWarehouse(Path.Combine(folder, "warehouse.duckdb"));
            File.Copy(_catalogWarehouse.DatabasePath, warehouse.DatabasePath);
            var ratio = await round(name, folder, warehouse);
            if (name.StartsWith("measured", StringComparison.Ordinal))
            {
                measured.Add(ratio);
            }
        }

        return measured.Order().ElementAt(measured.Count / 2);
    }
}
